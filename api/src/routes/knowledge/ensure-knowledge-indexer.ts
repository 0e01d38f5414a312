import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { KNOWLEDGE_INDEXER_WORKFLOW_ID } from '@cadenza/core';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';

/** Notes and timeline entries written are searchable within about this long when the indexer is idle. */
const IDLE_SECONDS = 5;
const BATCH = 64;

/**
 * Starts the platform's catch-up indexer of notes and timeline entries (knowledgeIndexerWorkflow)
 * unless it runs already: one per deployment, whichever API instance starts first. Retried in the
 * background like the event-retention Schedule (Temporal may still be starting).
 */
export function ensureKnowledgeIndexerInBackground(
  client: Client,
  taskQueue: string,
  onError: (error: unknown) => void,
  retryMs = 15_000,
): void {
  const attempt = () => {
    client.workflow
      .start<WorkflowContracts['knowledgeIndexerWorkflow']>(WORKFLOW_NAMES.knowledgeIndexerWorkflow, {
        taskQueue,
        workflowId: KNOWLEDGE_INDEXER_WORKFLOW_ID,
        args: [{ batch: BATCH, idleSeconds: IDLE_SECONDS }],
      })
      .catch((error: unknown) => {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return;
        onError(error);
        setTimeout(attempt, retryMs).unref();
      });
  };
  attempt();
}
