import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import type { PruneEventLogWorkflowInput } from '@cadenza/contracts';

const { pruneEventLog, pruneAuditTrail } = proxyActivities<Activities>({
  // A large backlog is deleted in batches; give it room, and retry: pruning is idempotent.
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/**
 * Deletes domain events, then audit entries, past their retention windows; started by the
 * retention Schedule. `deleted` counts events, `auditDeleted` audit entries.
 */
export async function pruneEventLogWorkflow(
  input: PruneEventLogWorkflowInput,
): Promise<{ deleted: number; auditDeleted?: number }> {
  const { deleted } = await pruneEventLog({ retentionDays: input.retentionDays });
  if (input.auditRetentionDays === undefined) return { deleted };
  const audit = await pruneAuditTrail({ retentionDays: input.auditRetentionDays });
  return { deleted, auditDeleted: audit.deleted };
}
