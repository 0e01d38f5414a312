import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApplicationFailure, WorkflowFailedError, type Client } from '@temporalio/client';
import {
  ConflictError,
  UserError,
  leadScoringTrainWorkflowId,
  ScoringModelSchema,
  ScoringScoreRequestSchema,
  ScoringScoreResponseSchema,
  ScoringTrainAcceptedSchema,
  ScoringTrainRequestSchema,
  ScoringTrainResponseSchema,
  type ScoringModel,
} from '@cadenza/core';
import { scoreContactsWithModel } from '@cadenza/services/scoring';
import { listLeadModels, type DataSource } from '@cadenza/data';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { ensureLeadScoringSchedule } from './lead-scoring-schedule';

interface LeadScoringDeps {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
}

/** How long a train request waits for its workflow before answering 202 and letting it finish. */
const TRAIN_WAIT_MS = 8000;

/** Too few outcomes is the caller's data, not a server fault: a 422 that says what was found. */
function trainingFailure(error: unknown): never {
  const cause = error instanceof WorkflowFailedError ? (error.cause as { cause?: unknown } | undefined)?.cause : null;
  if (cause instanceof ApplicationFailure && cause.type === 'InsufficientOutcomes') {
    throw new UserError('insufficient_outcomes', cause.message, { field: 'outcome' }, 422);
  }
  throw error;
}

/**
 * Per-tenant lead scoring: train (a retraining workflow run now, plus the tenant's Schedule),
 * list model versions with their holdout metrics, and score contacts with the latest model.
 */
export function leadScoringRoutes(deps: LeadScoringDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/ai/scoring/train',
      tag: 'ai',
      summary: 'Train a new lead-scoring model version now and keep it retrained on a per-tenant Schedule',
      access: 'flows:manage',
      body: ScoringTrainRequestSchema,
      responses: {
        201: { description: 'the new model version and its Schedule', schema: ScoringTrainResponseSchema },
        202: {
          description: 'training is still running; its version will be listed',
          schema: ScoringTrainAcceptedSchema,
        },
        422: { description: 'too few contacts with each outcome' },
      },
      handler: async ({ principal, body }) => {
        const workflowId = leadScoringTrainWorkflowId(principal.tenantId, randomUUID());
        const run = await deps.temporal.workflow.start<WorkflowContracts['retrainLeadScoringWorkflow']>(
          WORKFLOW_NAMES.retrainLeadScoringWorkflow,
          {
            taskQueue: deps.taskQueue,
            workflowId,
            args: [{ tenantId: principal.tenantId, outcome: body.outcome, trainedBy: 'api' }],
          },
        );
        const trained = run.result().catch(trainingFailure);
        // A failure after the 202 went out is the run's own (visible in Temporal), not this request's.
        trained.catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        const model: ScoringModel | null = await Promise.race([
          trained,
          new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), TRAIN_WAIT_MS))),
        ]).finally(() => clearTimeout(timer));
        const id = await ensureLeadScoringSchedule(deps.temporal, {
          tenantId: principal.tenantId,
          outcome: body.outcome,
          everyHours: body.retrainEveryHours,
          taskQueue: deps.taskQueue,
        });
        const schedule = { id, everyHours: body.retrainEveryHours };
        if (!model) return { status: 202, body: { training: { workflowId }, schedule } };
        return { status: 201, body: { model, schedule } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/ai/scoring/models',
      tag: 'ai',
      summary: "The tenant's lead-scoring model versions with holdout AUC, Brier score and reliability bins",
      access: 'contacts:read',
      responses: {
        200: { description: 'versions, newest first', schema: z.object({ items: z.array(ScoringModelSchema) }) },
      },
      handler: async ({ principal }) => ({ body: { items: await listLeadModels(deps.db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/ai/scoring/score',
      tag: 'ai',
      summary: "Score contacts with the tenant's latest model; each score carries its top feature contributions",
      access: 'contacts:read',
      body: ScoringScoreRequestSchema,
      responses: {
        200: { description: 'scores', schema: ScoringScoreResponseSchema },
        409: { description: 'no model trained yet' },
      },
      handler: async ({ principal, body }) => {
        const scored = await scoreContactsWithModel(deps.db, principal, body.contactIds);
        if (!scored) {
          throw new ConflictError('no lead-scoring model has been trained yet; POST /api/v1/ai/scoring/train first', {
            field: 'contactIds',
          });
        }
        const items = body.contactIds.flatMap((contactId) => {
          const score = scored.scores.get(contactId);
          return score ? [{ contactId, ...score }] : [];
        });
        return {
          body: {
            modelVersion: scored.model.version,
            outcome: scored.model.outcome,
            items,
            missing: body.contactIds.filter((id) => !scored.scores.has(id)),
          },
        };
      },
    }),
  ];
}
