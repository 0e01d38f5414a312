import { randomUUID } from 'node:crypto';
import { createTenant } from '@cadenza/data';
import { pruneEventLogWorkflow } from '@cadenza/workflows';
import { startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { EVENT_RETENTION_SCHEDULE_ID, ensureEventRetentionSchedule } from './retention-schedule';

describe('event-log retention schedule', () => {
  let platform: TestPlatform;
  const taskQueue = `retention-${randomUUID()}`;
  beforeAll(async () => {
    platform = await startTestPlatform(taskQueue);
  });
  afterAll(async () => {
    await platform?.temporal.schedule
      .getHandle(EVENT_RETENTION_SCHEDULE_ID)
      .delete()
      .catch(() => undefined);
    await platform?.stop();
  });

  it('is created once and updated on later starts', async () => {
    await ensureEventRetentionSchedule(platform.temporal, {
      taskQueue,
      retentionDays: 30,
      auditRetentionDays: 365,
      everyMinutes: 60,
    });
    await ensureEventRetentionSchedule(platform.temporal, {
      taskQueue,
      retentionDays: 14,
      auditRetentionDays: 90,
      everyMinutes: 30,
    });
    const description = await platform.temporal.schedule.getHandle(EVENT_RETENTION_SCHEDULE_ID).describe();
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'pruneEventLogWorkflow',
      taskQueue,
      args: [{ retentionDays: 14, auditRetentionDays: 90 }],
    });
    expect(description.spec.intervals).toEqual([expect.objectContaining({ every: 30 * 60 * 1000 })]);
  });

  it('runs a workflow that prunes the log on the worker', async () => {
    const tenant = await createTenant(platform.db, 'retention workflow');
    await platform.db.transaction((m) =>
      m.query(
        `INSERT INTO domain_events (tenant_id, seq, type, subject, subject_id, actor, occurred_at)
         VALUES ($1, 1, 'contact.created', 'contact', 'c1', '{"kind":"system","id":null}', now() - interval '90 days'),
                ($1, 2, 'contact.updated', 'contact', 'c1', '{"kind":"system","id":null}', now())`,
        [tenant.id],
      ),
    );
    // The audit trail has its own window: a 400-day-old entry goes, a 100-day-old one stays.
    await platform.db.query(
      `INSERT INTO audit_log (tenant_id, actor_kind, action, entity, entity_id, at)
       VALUES ($1, 'system', 'sign_in', 'user', 'old', now() - interval '400 days'),
              ($1, 'system', 'sign_in', 'user', 'kept', now() - interval '100 days')`,
      [tenant.id],
    );
    const result = await platform.temporal.workflow.execute(pruneEventLogWorkflow, {
      taskQueue,
      workflowId: `prune-${randomUUID()}`,
      args: [{ retentionDays: 30, auditRetentionDays: 365 }],
    });
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(result.auditDeleted).toBeGreaterThanOrEqual(1);
    const audit = (await platform.db.query(`SELECT entity_id FROM audit_log WHERE tenant_id = $1`, [
      tenant.id,
    ])) as Array<{ entity_id: string }>;
    expect(audit.map((row) => row.entity_id)).toEqual(['kept']);
    const left = (await platform.db.query(`SELECT seq FROM domain_events WHERE tenant_id = $1 ORDER BY seq`, [
      tenant.id,
    ])) as Array<{ seq: string }>;
    expect(left.map((row) => Number(row.seq))).toEqual([2]);
  });
});
