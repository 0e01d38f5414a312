import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import type { PruneEventLogWorkflowInput } from '@cadenza/contracts';

const { pruneEventLog } = proxyActivities<Activities>({
  // A large backlog is deleted in batches; give it room, and retry: pruning is idempotent.
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/** Deletes domain events past the retention window; started by the event-retention Schedule. */
export async function pruneEventLogWorkflow(input: PruneEventLogWorkflowInput): Promise<{ deleted: number }> {
  const { deleted } = await pruneEventLog({ retentionDays: input.retentionDays });
  return { deleted };
}
