import { randomUUID } from 'node:crypto';
import { createTenant, listDomainEventsAfter, type DataSource } from '..';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { findMessageById, insertMessage, recordMessageEvent } from './messages-repository';

/** Every stored message and every event on it is announced in the tenant's event log, in the same transaction. */
describe('message domain events', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(() => db?.destroy());

  it('announces a new message and each open or reply, naming its contact and run', async () => {
    const tenant = await createTenant(db, 'Message events');
    const enrollmentId = randomUUID();
    const contactId = randomUUID();
    const message = {
      tenantId: tenant.id,
      idempotencyKey: `${enrollmentId}:email:1`,
      enrollmentId,
      contactId,
      channel: 'email' as const,
      provider: 'sink' as const,
      mailboxId: null,
      rfcMessageId: null,
      from: null,
      to: 'lead@example.com',
      subject: 'Hello',
      html: '<p>Hi</p>',
      text: 'Hi',
      raw: null,
      status: 'sent' as const,
    };
    const id = await db.transaction((manager) => insertMessage(manager, message));
    // The same key again stores nothing and announces nothing.
    expect(await db.transaction((manager) => insertMessage(manager, message))).toBeNull();
    const stored = (await findMessageById(db, id!))!;
    await db.transaction((manager) => recordMessageEvent(manager, stored, 'open', {}));
    await db.transaction((manager) => recordMessageEvent(manager, stored, 'reply', { text: 'yes' }));

    const events = await listDomainEventsAfter(db.manager, tenant.id, 0);
    expect(events.map((event) => [event.type, event.subject, event.subjectId])).toEqual([
      ['message.created', 'message', id],
      ['message.opened', 'message', id],
      ['message.replied', 'message', id],
    ]);
    expect(events[0]!.payload).toEqual({ channel: 'email', contactId, runId: enrollmentId });
  });

  it('writes nothing when the transaction rolls back', async () => {
    const tenant = await createTenant(db, 'Message events rollback');
    await expect(
      db.transaction(async (manager) => {
        await insertMessage(manager, {
          tenantId: tenant.id,
          idempotencyKey: randomUUID(),
          enrollmentId: null,
          contactId: null,
          channel: 'sms',
          provider: 'outbox',
          mailboxId: null,
          rfcMessageId: null,
          from: null,
          to: '+15550001111',
          subject: null,
          html: null,
          text: 'Hi',
          raw: null,
          status: 'queued',
        });
        throw new Error('provider down');
      }),
    ).rejects.toThrow('provider down');
    expect(await listDomainEventsAfter(db.manager, tenant.id, 0)).toEqual([]);
  });
});
