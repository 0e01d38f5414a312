import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { waitUntil } from '../../../scripts/services/wait-until';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { headerOf } from './smtp-sink';

/**
 * A follow-up send_email with threadWithPrevious answers the run's previous email to the contact:
 * "Re:" its subject, In-Reply-To its Message-ID, References the whole thread, so the contact's
 * mail client shows one conversation (and a reply to any of them matches the run).
 */
describe('follow-ups in the same thread', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('email-thread'));
  });
  afterAll(() => stop?.());

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('threads the second and third emails under the first', async () => {
    const definition = flowOf(
      [
        { id: 'first', type: 'send_email', settings: { subject: 'Quick question', body: '<p>Hi</p>' } },
        {
          id: 'second',
          type: 'send_email',
          settings: { subject: 'Ignored when threaded', body: '<p>Bumping this</p>', threadWithPrevious: true },
        },
        {
          id: 'third',
          type: 'send_email',
          settings: { subject: 'Ignored too', body: '<p>Last try</p>', threadWithPrevious: true },
        },
      ],
      [
        ['start', 'first'],
        ['first', 'second'],
        ['second', 'third'],
      ],
    );
    const created = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft: definition },
    });
    expect(created.status).toBe(201);
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    const contactId = await newContact(platform.db, admin, { email: `lead-${randomUUID()}@example.com` });
    await api(`/flows/${created.body.id}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const sent = await waitUntil(
      'three emails sent',
      async () => {
        const items = (await api(`/outbox?contactId=${contactId}`)).body.items as Array<{ id: string }>;
        return items.length === 3 ? items : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // The bytes that went out, as kept with the message.
    const rawOf = async (id: string) =>
      ((await platform.db.query(`SELECT raw FROM messages WHERE id = $1`, [id])) as Array<{ raw: string }>)[0]!.raw;
    const messages = await Promise.all(
      sent.map(async (item) => ({ ...(await api(`/outbox/${item.id}`)).body, raw: await rawOf(item.id) })),
    );
    const [first, second, third] = messages.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    expect([first.subject, second.subject, third.subject]).toEqual([
      'Quick question',
      'Re: Quick question',
      'Re: Quick question',
    ]);
    expect(headerOf(first.raw, 'In-Reply-To')).toBeNull();
    expect(headerOf(second.raw, 'In-Reply-To')).toBe(`<${first.rfcMessageId}>`);
    expect(headerOf(second.raw, 'References')).toBe(`<${first.rfcMessageId}>`);
    expect(headerOf(third.raw, 'In-Reply-To')).toBe(`<${second.rfcMessageId}>`);
    expect(headerOf(third.raw, 'References')).toBe(`<${first.rfcMessageId}> <${second.rfcMessageId}>`);
    expect(headerOf(third.raw, 'Subject')).toBe('Re: Quick question');
  });
});
