import { connectTestDb } from '../../../../scripts/test-harness/integration';
import { createTenant, type DataSource } from '..';
import { appendDomainEvents, listDomainEventsAfter } from './domain-events';

describe('domain event log', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(() => db?.destroy());

  it('numbers each tenant’s events 1, 2, 3… in commit order, without gaps', async () => {
    const tenant = await createTenant(db, 'events');
    const other = await createTenant(db, 'other events');
    await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c1' }]),
    );
    await db.transaction((m) =>
      appendDomainEvents(m, other.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'x' }]),
    );
    const appended = await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [
        { type: 'contact.updated', subject: 'contact', subjectId: 'c1', payload: { fields: ['email'] } },
        { type: 'deal.stage_changed', subject: 'deal', subjectId: 'd1' },
      ]),
    );
    expect(appended.map((e) => e.seq)).toEqual([2, 3]);
    const all = await listDomainEventsAfter(db.manager, tenant.id, 0);
    expect(all.map((e) => [e.seq, e.type])).toEqual([
      [1, 'contact.created'],
      [2, 'contact.updated'],
      [3, 'deal.stage_changed'],
    ]);
    expect(all[1]?.payload).toEqual({ fields: ['email'] });
    expect((await listDomainEventsAfter(db.manager, other.id, 0)).map((e) => e.seq)).toEqual([1]);
  });

  it('keeps nothing when the transaction that wrote the events rolls back', async () => {
    const tenant = await createTenant(db, 'rollback');
    await expect(
      db.transaction(async (m) => {
        await appendDomainEvents(m, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c1' }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listDomainEventsAfter(db.manager, tenant.id, 0)).toEqual([]);
    await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c2' }]),
    );
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.seq)).toEqual([1]);
  });

  it('refuses to write outside a transaction', async () => {
    const tenant = await createTenant(db, 'no tx');
    await expect(
      appendDomainEvents(db.manager, tenant.id, [{ type: 'contact.created', subject: 'contact', subjectId: 'c' }]),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('rejects a malformed event type', async () => {
    const tenant = await createTenant(db, 'bad type');
    await expect(
      db.transaction((m) =>
        appendDomainEvents(m, tenant.id, [{ type: 'ContactCreated', subject: 'contact', subjectId: 'c' }]),
      ),
    ).rejects.toThrow(/subject\.verb/);
  });
});
