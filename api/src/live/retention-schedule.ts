import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { WORKFLOW_NAMES, type PruneEventLogWorkflowInput } from '@cadenza/contracts';

export const EVENT_RETENTION_SCHEDULE_ID = 'cadenza-event-log-retention';

export interface RetentionScheduleOptions {
  taskQueue: string;
  retentionDays: number;
  /** AUDIT_RETENTION_DAYS: the same Schedule prunes the audit trail. */
  auditRetentionDays: number;
  everyMinutes: number;
}

/**
 * Creates the Temporal Schedule that prunes the event log, or brings an existing one in
 * line with the current settings, so every API start may call it (several instances too).
 */
export async function ensureEventRetentionSchedule(client: Client, options: RetentionScheduleOptions): Promise<void> {
  const spec = { intervals: [{ every: `${options.everyMinutes} minutes` as const }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: WORKFLOW_NAMES.pruneEventLogWorkflow,
    workflowId: 'cadenza-event-log-retention-run',
    taskQueue: options.taskQueue,
    args: [
      {
        retentionDays: options.retentionDays,
        auditRetentionDays: options.auditRetentionDays,
      } satisfies PruneEventLogWorkflowInput,
    ],
  };
  try {
    await client.schedule.create({
      scheduleId: EVENT_RETENTION_SCHEDULE_ID,
      spec,
      action,
      // A prune still running when the next is due makes the next one pointless.
      policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(EVENT_RETENTION_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action }));
  }
}

/**
 * Ensures the Schedule without holding up boot: Temporal may still be starting (the API
 * connects lazily), so failures are reported and retried until one succeeds.
 */
export function ensureEventRetentionScheduleInBackground(
  client: Client,
  options: RetentionScheduleOptions,
  onError: (error: unknown) => void,
  retryMs = 15_000,
): void {
  const attempt = () => {
    ensureEventRetentionSchedule(client, options).catch((error: unknown) => {
      onError(error);
      setTimeout(attempt, retryMs).unref();
    });
  };
  attempt();
}
