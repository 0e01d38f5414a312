import type { DataSource } from 'typeorm';
import { pruneAuditLog, pruneDomainEvents } from '@cadenza/data';

export interface PruneEventLogInput {
  /** Keep this many days of events; older ones are deleted. */
  retentionDays: number;
  batchSize?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention activities (event log, audit trail), run on a schedule by pruneEventLogWorkflow. */
export function createEventRetentionActivities(db: DataSource) {
  return {
    /** Idempotent: a retry deletes whatever is still past the window, which is what a first try would have done. */
    async pruneEventLog(input: PruneEventLogInput): Promise<{ deleted: number; olderThan: string }> {
      const olderThan = new Date(Date.now() - input.retentionDays * DAY_MS);
      const deleted = await pruneDomainEvents(db, { olderThan, batchSize: input.batchSize });
      return { deleted, olderThan: olderThan.toISOString() };
    },
    /** Idempotent like pruneEventLog: audit entries older than the deployment's AUDIT_RETENTION_DAYS go. */
    async pruneAuditTrail(input: PruneEventLogInput): Promise<{ deleted: number; olderThan: string }> {
      const olderThan = new Date(Date.now() - input.retentionDays * DAY_MS);
      const deleted = await pruneAuditLog(db, { olderThan, batchSize: input.batchSize });
      return { deleted, olderThan: olderThan.toISOString() };
    },
  };
}
