import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { runSearchAttributeKeys } from '@cadenza/temporal/search-attribute-keys';
import {
  NotFoundError,
  SmokeRunRequestSchema,
  smokeWorkflowId,
  temporalRunUrl,
  type SmokeRunView,
} from '@cadenza/core';
import { findSmokeRun, type DataSource } from '@cadenza/activities/data';
import type { smokeWorkflow } from '@cadenza/workflows';
import { validate } from '../http/validate';
import type { AuthenticatedLocals } from '../http/require-api-key';

export interface SmokeRunRouteDependencies {
  db: DataSource;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  temporalUiUrl: string;
}

/** Start a smoke run and read it back: the end-to-end proof that every service works. */
export function smokeRunRoutes(deps: SmokeRunRouteDependencies): Router {
  const router = Router();
  const uiUrl = (workflowId: string) => temporalRunUrl(deps.temporalUiUrl, deps.namespace, workflowId);

  router.post('/', async (req, res) => {
    const { tenantId } = res.locals as AuthenticatedLocals;
    const { message } = validate(SmokeRunRequestSchema, req.body);
    const workflowId = smokeWorkflowId(tenantId, randomUUID());
    await deps.temporal.workflow.start<typeof smokeWorkflow>('smokeWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [{ tenantId, message }],
      typedSearchAttributes: [
        { key: runSearchAttributeKeys.TenantId, value: tenantId },
        { key: runSearchAttributeKeys.RunKind, value: 'smoke' },
      ],
    });
    res
      .status(202)
      .location(`${req.baseUrl}/${encodeURIComponent(workflowId)}`)
      .json({ workflowId, temporalUiUrl: uiUrl(workflowId) });
  });

  router.get('/:workflowId', async (req, res) => {
    const { tenantId } = res.locals as AuthenticatedLocals;
    const { workflowId } = req.params;
    // A workflow id names its tenant; another tenant's id is simply not found.
    if (!workflowId.startsWith(smokeWorkflowId(tenantId, ''))) throw new NotFoundError('smoke run', workflowId);
    const description = await deps.temporal.workflow
      .getHandle(workflowId)
      .describe()
      .catch((error: unknown) => {
        throw error instanceof WorkflowNotFoundError ? new NotFoundError('smoke run', workflowId) : error;
      });
    const view: SmokeRunView = {
      workflowId,
      status: description.status.name,
      searchAttributes: Object.fromEntries(
        description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]),
      ),
      record: await findSmokeRun(deps.db, tenantId, workflowId),
      temporalUiUrl: uiUrl(workflowId),
    };
    res.json(view);
  });

  return router;
}
