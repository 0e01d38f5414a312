import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { knowledgeQueryWorkflowId, ServiceUnavailableError } from '@cadenza/core';
import { WORKER_ANSWER_TIMEOUT } from '../../http/worker-answer-timeout';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import type { EmbedQuery } from '@cadenza/services/ai';

/**
 * Embeds a search query on the worker: the API never loads the model (layer rule), so each query
 * is a short workflow whose one activity embeds it, under the tenant's payload key.
 */
export function embedQueryOnWorker(deps: { temporal: Client; taskQueue: string }, tenantId: string): EmbedQuery {
  return async (text) => {
    const result = await deps.temporal.workflow
      .execute<WorkflowContracts['knowledgeEmbedQueryWorkflow']>(WORKFLOW_NAMES.knowledgeEmbedQueryWorkflow, {
        taskQueue: deps.taskQueue,
        workflowId: knowledgeQueryWorkflowId(tenantId, randomUUID()),
        args: [{ tenantId, text }],
        // A query nobody is waiting for any more is not worth embedding later.
        workflowExecutionTimeout: WORKER_ANSWER_TIMEOUT,
      })
      .catch((error: unknown) => {
        // Timed out (no worker, or none free) or failed: the search is unavailable, not broken.
        if (error instanceof WorkflowFailedError)
          throw new ServiceUnavailableError('semantic search', error.cause?.message ?? error.message);
        throw error;
      });
    return { model: result.model, vector: Float32Array.from(result.vector) };
  };
}
