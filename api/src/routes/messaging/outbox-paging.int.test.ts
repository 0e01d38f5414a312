import { randomUUID } from 'node:crypto';
import { encodeCursor, type MessageChannel, type MessageView, type Page } from '@cadenza/core';
import { insertMessage, listDomainEventsAfter } from '@cadenza/data';
import {
  call,
  createTestTenant,
  startCrmTestApi,
  type CrmTestApi,
  type TestTenant,
} from '../crm/crm-test-api.test-support';

/**
 * The outbox list on a real PostgreSQL, as the outbox page loads it: newest first, page
 * after page with a cursor, never skipping or repeating a message (even several sent in one
 * instant), filtered by channel, bounded in size, and only ever the caller's tenant.
 */
describe('outbox paging', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  const sent: string[] = [];

  /** Every other message goes to this contact. */
  const contactId = randomUUID();
  // As the send activity stores it: the row and its event in one transaction.
  const send = async (tenantId: string, channel: MessageChannel, n: number) =>
    (await api.db.transaction((manager) =>
      insertMessage(manager, {
        tenantId,
        idempotencyKey: `outbox-paging-${randomUUID()}`,
        enrollmentId: null,
        contactId: n % 2 === 0 ? contactId : null,
        channel,
        provider: channel === 'email' ? 'sink' : 'outbox',
        mailboxId: null,
        rfcMessageId: null,
        from: null,
        to: channel === 'email' ? `lead${n}@example.com` : '+15550000000',
        subject: channel === 'email' ? `Message ${n}` : null,
        html: null,
        text: `Message ${n}`,
        raw: null,
        status: 'sent',
      }),
    ))!;

  const page = (search: string, caller = tenant) =>
    call<Page<MessageView>>(api, { apiKey: caller.keys.ops }, 'GET', `/outbox?${search}`);

  /** Every page of a listing, following nextCursor. */
  async function all(search: string, caller = tenant) {
    const items: MessageView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: Page<MessageView> } = await page(
        `${search}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        caller,
      );
      expect(response.status).toBe(200);
      items.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);
    return { items, pages };
  }

  beforeAll(async () => {
    api = await startCrmTestApi();
    tenant = await createTestTenant(api.db, 'outbox tenant');
    other = await createTestTenant(api.db, 'other outbox tenant');
    for (let n = 0; n < 7; n += 1) sent.push(await send(tenant.tenantId, n % 3 === 2 ? 'sms' : 'email', n));
    // Three messages of one instant: only the id tells them apart, so a page may end between them.
    await api.db.query(`UPDATE messages SET created_at = '2030-01-01T00:00:00.123456Z' WHERE id = ANY($1::uuid[])`, [
      sent.slice(2, 5),
    ]);
    await send(other.tenantId, 'email', 99);
  });
  afterAll(() => api?.stop());

  it('pages newest first, every message once, even across messages of one instant', async () => {
    const { items, pages } = await all('limit=2');
    expect(pages).toBe(4);
    expect(items.map((m) => m.id).sort()).toEqual([...sent].sort());
    const times = items.map((m) => m.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('pages within a channel', async () => {
    const { items } = await all('channel=sms&limit=1');
    expect(items.map((m) => m.channel)).toEqual(['sms', 'sms']);
    expect(items.map((m) => m.id).sort()).toEqual([sent[2], sent[5]].sort());
  });

  it("pages one contact's messages", async () => {
    const { items } = await all(`contactId=${contactId}&limit=2`);
    expect(items.map((m) => m.id).sort()).toEqual([sent[0], sent[2], sent[4], sent[6]].sort());
  });

  it('ends with a null cursor when everything fits', async () => {
    const response = await page('limit=200');
    expect(response.body.items).toHaveLength(7);
    expect(response.body.nextCursor).toBeNull();
  });

  it("shows another tenant none of this tenant's messages, with or without our cursor", async () => {
    const theirs = await all('limit=50', other);
    expect(theirs.items).toHaveLength(1);
    expect(sent).not.toContain(theirs.items[0]!.id);
    const ours = await page('limit=1');
    const followed = await page(`limit=50&cursor=${encodeURIComponent(ours.body.nextCursor!)}`, other);
    expect(followed.body.items.map((m) => m.id).filter((id) => sent.includes(id))).toEqual([]);
  });

  it('records a message.created event for the live outbox when a message is stored', async () => {
    const events = await listDomainEventsAfter(api.db.manager, tenant.tenantId, 0);
    const created = events.filter((e) => e.type === 'message.created').map((e) => e.subjectId);
    expect(created.sort()).toEqual([...sent].sort());
  });

  it.each([
    ['a cursor that is not ours', 'cursor=%%%', 'query.cursor'],
    [
      'a cursor of another list',
      `cursor=${encodeCursor({ sort: 'updatedAt:desc', value: '2030-01-01', id: randomUUID() })}`,
      'query.cursor',
    ],
    ['a page over the maximum', 'limit=201', 'query.limit'],
    ['an empty page', 'limit=0', 'query.limit'],
  ])('refuses %s with a 400 naming the field', async (_, search, field) => {
    const response = await page(search);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('refuses a forged cursor whose position is not a time with a 400, not a 500', async () => {
    const forged = encodeCursor({ sort: 'createdAt:desc', value: 'not a time', id: randomUUID() });
    expect((await page(`cursor=${forged}`)).status).toBe(400);
  });

  it('refuses an anonymous caller', async () => {
    const anonymous = await fetch(`${api.baseUrl}/api/v1/outbox`);
    expect(anonymous.status).toBe(401);
  });
});
