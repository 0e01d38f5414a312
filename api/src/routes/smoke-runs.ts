import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { runSearchAttributeKeys } from '@cadenza/temporal/search-attribute-keys';
import {
  NotFoundError,
  SmokeRunRequestSchema,
  SmokeRunViewSchema,
  smokeWorkflowId,
  temporalRunUrl,
} from '@cadenza/core';
import { findSmokeRun, type DataSource } from '@cadenza/data';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { defineRoute, type ApiRoute } from '../http/api-route';

export interface SmokeRunRouteDependencies {
  db: DataSource;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  temporalUiUrl: string;
}

const StartedSchema = z.object({ workflowId: z.string(), temporalUiUrl: z.string() });

/** Start a smoke run and read it back: the end-to-end proof that every service works. */
export function smokeRunRoutes(deps: SmokeRunRouteDependencies): ApiRoute[] {
  const uiUrl = (workflowId: string) => temporalRunUrl(deps.temporalUiUrl, deps.namespace, workflowId);
  return [
    defineRoute({
      method: 'post',
      path: '/smoke-runs',
      tag: 'platform',
      summary: 'Start a smoke workflow whose activity writes one row to PostgreSQL',
      access: 'smoke:run',
      body: SmokeRunRequestSchema,
      responses: { 202: { description: 'workflow started', schema: StartedSchema } },
      handler: async ({ body, principal }) => {
        const workflowId = smokeWorkflowId(principal.tenantId, randomUUID());
        await deps.temporal.workflow.start<WorkflowContracts['smokeWorkflow']>(WORKFLOW_NAMES.smokeWorkflow, {
          taskQueue: deps.taskQueue,
          workflowId,
          args: [{ tenantId: principal.tenantId, message: body.message }],
          typedSearchAttributes: [
            { key: runSearchAttributeKeys.TenantId, value: principal.tenantId },
            { key: runSearchAttributeKeys.RunKind, value: 'smoke' },
          ],
        });
        return {
          status: 202,
          headers: { location: `/api/v1/smoke-runs/${encodeURIComponent(workflowId)}` },
          body: { workflowId, temporalUiUrl: uiUrl(workflowId) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/smoke-runs/:workflowId',
      tag: 'platform',
      summary: 'A smoke run: Temporal status, search attributes and the row its activity wrote',
      access: 'runs:read',
      params: z.object({ workflowId: z.string().min(1).max(200).describe('id returned when the run started') }),
      responses: {
        200: { description: 'the run', schema: SmokeRunViewSchema },
        404: { description: 'no such run in this tenant' },
      },
      handler: async ({ params: { workflowId }, principal }) => {
        // A workflow id names its tenant; another tenant's id is simply not found.
        if (!workflowId.startsWith(smokeWorkflowId(principal.tenantId, '')))
          throw new NotFoundError('smoke run', workflowId);
        const description = await deps.temporal.workflow
          .getHandle(workflowId)
          .describe()
          .catch((error: unknown) => {
            throw error instanceof WorkflowNotFoundError ? new NotFoundError('smoke run', workflowId) : error;
          });
        return {
          body: {
            workflowId,
            status: description.status.name,
            searchAttributes: Object.fromEntries(
              description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]),
            ),
            record: await findSmokeRun(deps.db, principal.tenantId, workflowId),
            temporalUiUrl: uiUrl(workflowId),
          },
        };
      },
    }),
  ];
}
