import type { DataSource } from 'typeorm';
import { pruneDomainEvents } from '@cadenza/data';

export interface PruneEventLogInput {
  /** Keep this many days of events; older ones are deleted. */
  retentionDays: number;
  batchSize?: number;
}

/** The event-log retention activity, run on a schedule by pruneEventLogWorkflow. */
export function createEventRetentionActivities(db: DataSource) {
  return {
    /** Idempotent: a retry deletes whatever is still past the window, which is what a first try would have done. */
    async pruneEventLog(input: PruneEventLogInput): Promise<{ deleted: number; olderThan: string }> {
      const olderThan = new Date(Date.now() - input.retentionDays * 24 * 60 * 60 * 1000);
      const deleted = await pruneDomainEvents(db, { olderThan, batchSize: input.batchSize });
      return { deleted, olderThan: olderThan.toISOString() };
    },
  };
}
