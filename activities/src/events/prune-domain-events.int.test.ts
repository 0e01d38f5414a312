import { connectTestDb } from '@cadenza/test-harness/integration';
import { createTenant, type DataSource } from '@cadenza/data';
import { appendDomainEvents, listDomainEventsAfter } from '@cadenza/data';
import { pruneDomainEvents } from '@cadenza/data';
import { createEventRetentionActivities } from './retention-activities';

describe('event-log retention', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(() => db?.destroy());

  const write = (tenantId: string, count: number) =>
    db.transaction((m) =>
      appendDomainEvents(
        m,
        tenantId,
        Array.from({ length: count }, (_, i) => ({
          type: 'contact.updated',
          subject: 'contact' as const,
          subjectId: `c${i}`,
        })),
      ),
    );
  const age = (tenantId: string, maxSeq: number, days: number) =>
    db.query(
      `UPDATE domain_events SET occurred_at = now() - make_interval(days => $3) WHERE tenant_id = $1 AND seq <= $2`,
      [tenantId, maxSeq, days],
    );

  it('deletes events older than the window, in batches, and keeps seqs increasing', async () => {
    const tenant = await createTenant(db, 'retention');
    await write(tenant.id, 12);
    await age(tenant.id, 7, 40);
    expect(
      await pruneDomainEvents(db, { olderThan: new Date(Date.now() - 30 * 86_400_000), batchSize: 3 }),
    ).toBeGreaterThanOrEqual(7);
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
    const [next] = await write(tenant.id, 1);
    expect(next?.seq).toBe(13);
  });

  it('prunes through the activity with the configured number of days', async () => {
    const tenant = await createTenant(db, 'retention activity');
    await write(tenant.id, 4);
    await age(tenant.id, 2, 3);
    const { pruneEventLog } = createEventRetentionActivities(db);
    await pruneEventLog({ retentionDays: 7 });
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    await pruneEventLog({ retentionDays: 2 });
    expect((await listDomainEventsAfter(db.manager, tenant.id, 0)).map((e) => e.seq)).toEqual([3, 4]);
  });
});
