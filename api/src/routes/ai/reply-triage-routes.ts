import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError, type Client } from '@temporalio/client';
import {
  ReplyTriageRequestSchema,
  ReplyTriageSchema,
  ServiceUnavailableError,
  TooManyRequestsError,
  UserError,
  replyTriageWorkflowId,
  type ReplyTriage,
} from '@cadenza/core';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { WORKER_ANSWER_TIMEOUT } from '../../http/worker-answer-timeout';
import { takeToken, type TokenBucketLimit } from '../../http/redis-token-bucket';

export interface ReplyTriageRouteDependencies {
  temporal: Client;
  taskQueue: string;
  redis: Redis;
  /** Per tenant; every API instance shares the bucket. */
  limit?: TokenBucketLimit;
}

/** A burst of a mailbox's backlog, then one a second: triage is cheap offline but may call a paid vendor model. */
export const DEFAULT_TRIAGE_LIMIT: TokenBucketLimit = { burst: 60, refillPerMinute: 60 };

/** The AI budget error type of the activities' token meter (activities/src/ai/token-meter.ts). */
const BUDGET_EXHAUSTED = 'AiBudgetExhausted';

/** The activity's own failure, when the workflow failed because of it. */
function applicationCause(error: unknown): ApplicationFailure | undefined {
  if (!(error instanceof WorkflowFailedError)) return undefined;
  const activity = error.cause instanceof ActivityFailure ? error.cause.cause : error.cause;
  return activity instanceof ApplicationFailure ? activity : undefined;
}

async function consumeTenantToken(deps: ReplyTriageRouteDependencies, tenantId: string): Promise<void> {
  let waitMs: number;
  try {
    waitMs = await takeToken(deps.redis, `cadenza:reply-triage:${tenantId}`, deps.limit ?? DEFAULT_TRIAGE_LIMIT);
  } catch (error) {
    // The AI budget still caps the vendor path without Redis; the offline path costs CPU only.
    console.warn(`reply-triage rate limit skipped, Redis unavailable: ${(error as Error).message}`);
    return;
  }
  if (waitMs > 0)
    throw new TooManyRequestsError(
      'too many reply-triage requests for this workspace; wait before trying again',
      Math.max(1, Math.ceil(waitMs / 1000)),
    );
}

/**
 * `POST /ai/reply-triage`: the intent of one reply. The API never loads a model: a short workflow
 * runs the triage activity on the worker (the offline classifier, or the vendor model with a key)
 * and the request waits for its answer.
 */
export function replyTriageRoutes(deps: ReplyTriageRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/ai/reply-triage',
      tag: 'ai',
      summary:
        'Triage a reply: its intent (interested, not_now, not_interested, unsubscribe, out_of_office, wrong_person, bounce, other) with confidence, needsReview, the return date of an away message and the referral of a wrong-person reply',
      access: 'contacts:read',
      body: ReplyTriageRequestSchema,
      responses: {
        200: { description: 'the triage, with the classifier and version that answered', schema: ReplyTriageSchema },
        429: {
          description:
            'too many requests for this workspace, or its daily AI budget is spent (vendor model only); see Retry-After',
        },
        503: { description: 'no worker answered in time' },
      },
      handler: async ({ principal, body }) => {
        await consumeTenantToken(deps, principal.tenantId);
        let triage: ReplyTriage;
        try {
          triage = await deps.temporal.workflow.execute<WorkflowContracts['replyTriageWorkflow']>(
            WORKFLOW_NAMES.replyTriageWorkflow,
            {
              taskQueue: deps.taskQueue,
              workflowId: replyTriageWorkflowId(principal.tenantId, randomUUID()),
              args: [{ ...body, tenantId: principal.tenantId }],
              workflowExecutionTimeout: WORKER_ANSWER_TIMEOUT,
            },
          );
        } catch (error) {
          const cause = applicationCause(error);
          if (cause?.type === BUDGET_EXHAUSTED)
            throw new UserError('ai_budget_exhausted', cause.message, undefined, 429);
          if (error instanceof WorkflowFailedError && !cause)
            throw new ServiceUnavailableError('reply triage', error.cause?.message ?? error.message);
          throw error;
        }
        return { body: triage };
      },
    }),
  ];
}
