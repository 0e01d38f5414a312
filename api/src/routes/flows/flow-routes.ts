import { z } from 'zod';
import {
  ArchiveFlowSchema,
  CreateFlowSchema,
  FlowSchema,
  FlowVersionSchema,
  UpdateFlowSchema,
  LIMIT_DESCRIPTIONS,
} from '@cadenza/core';
import {
  countOpenRunsByNode,
  createFlow,
  getFlow,
  listFlowVersions,
  listFlows,
  listOpenRunWorkflowIds,
  publishFlow,
  setFlowStatus,
  updateFlowDraft,
  validateFlowForTenant,
} from '@cadenza/data';
import { withTriggerSync } from '@cadenza/services/flow';
import { cancelSignal } from '@cadenza/contracts';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import type { FlowRouteDependencies } from './flow-route-dependencies';

const FlowIdParams = z.object({ flowId: z.string().min(1).max(100).describe('flow id') });

/** Flow CRUD, validation, publish, pause/resume and archive. */
export function flowRoutes(deps: FlowRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/flows',
      tag: 'flows',
      summary: 'List flows with status, latest version and active runs',
      access: 'flows:read',
      responses: {
        200: {
          description: 'flows',
          schema: z.object({ items: z.array(FlowSchema.extend({ activeRuns: z.number() })) }),
        },
      },
      handler: async ({ principal }) => ({ body: { items: await listFlows(deps.db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/flows',
      tag: 'flows',
      summary: 'Create a flow (with an optional draft definition, validated)',
      access: 'flows:manage',
      body: CreateFlowSchema,
      responses: { 201: { description: 'created', schema: FlowSchema }, 413: { description: LIMIT_DESCRIPTIONS.flow } },
      handler: async ({ principal, body }) => ({
        status: 201,
        body: await createFlow(deps.db, principal, body, deps.egressAllow()),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/flows/:flowId',
      tag: 'flows',
      summary: 'One flow with its draft',
      access: 'flows:read',
      params: FlowIdParams,
      responses: {
        200: { description: 'the flow', schema: FlowSchema },
        404: { description: 'no such flow in this tenant' },
      },
      handler: async ({ principal, params }) => ({ body: await getFlow(deps.db, principal.tenantId, params.flowId) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/flows/:flowId',
      tag: 'flows',
      summary: 'Rename a flow or save its draft (validated; errors name the node)',
      access: 'flows:manage',
      params: FlowIdParams,
      body: UpdateFlowSchema,
      responses: {
        200: { description: 'saved', schema: FlowSchema },
        404: { description: 'no such flow' },
        413: { description: LIMIT_DESCRIPTIONS.flow },
      },
      handler: async ({ principal, params, body }) => ({
        body: await updateFlowDraft(deps.db, principal, params.flowId, body, deps.egressAllow()),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/flows/validate',
      tag: 'flows',
      summary: 'Validate a definition without saving it; returns node-level errors',
      access: 'flows:read',
      body: z.object({ definition: z.unknown().describe('the flow definition to check') }),
      responses: {
        200: { description: 'validation result (ok, or errors naming node ids)' },
        413: { description: LIMIT_DESCRIPTIONS.flow },
      },
      handler: async ({ body, principal }) => {
        const result = await validateFlowForTenant(deps.db, principal.tenantId, body.definition, deps.egressAllow());
        return { body: result.ok ? { ok: true, errors: [] } : { ok: false, errors: result.errors } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/flows/:flowId/publish',
      tag: 'flows',
      summary: 'Publish the draft as a new immutable version; new enrollments take it, running ones keep theirs',
      access: 'flows:manage',
      params: FlowIdParams,
      responses: {
        201: { description: 'the new version', schema: FlowVersionSchema },
        400: { description: 'the draft is invalid' },
      },
      handler: async ({ principal, params }) => ({
        status: 201,
        body: await withTriggerSync(
          deps,
          principal.tenantId,
          params.flowId,
          publishFlow(deps.db, principal, params.flowId, deps.egressAllow()),
        ),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/flows/:flowId/versions',
      tag: 'flows',
      summary: 'Published versions, newest first',
      access: 'flows:read',
      params: FlowIdParams,
      responses: { 200: { description: 'versions', schema: z.object({ items: z.array(FlowVersionSchema) }) } },
      handler: async ({ principal, params }) => ({
        body: { items: await listFlowVersions(deps.db, principal.tenantId, params.flowId) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/flows/:flowId/pause',
      tag: 'flows',
      summary: 'Stop new enrollments (runs in flight go on)',
      access: 'flows:manage',
      params: FlowIdParams,
      responses: { 200: { description: 'paused', schema: FlowSchema } },
      handler: async ({ principal, params }) => ({
        body: await withTriggerSync(
          deps,
          principal.tenantId,
          params.flowId,
          setFlowStatus(deps.db, principal, params.flowId, 'paused'),
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/flows/:flowId/activate',
      tag: 'flows',
      summary: 'Take new enrollments again',
      access: 'flows:manage',
      params: FlowIdParams,
      responses: { 200: { description: 'active', schema: FlowSchema } },
      handler: async ({ principal, params }) => ({
        body: await withTriggerSync(
          deps,
          principal.tenantId,
          params.flowId,
          setFlowStatus(deps.db, principal, params.flowId, 'active'),
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/flows/:flowId/archive',
      tag: 'flows',
      summary: 'Archive a flow and cancel its open runs with the given reason',
      access: 'flows:manage',
      params: FlowIdParams,
      body: ArchiveFlowSchema,
      responses: { 200: { description: 'archived; cancelled = runs told to stop' } },
      handler: async ({ principal, params, body }) => {
        const flow = await withTriggerSync(
          deps,
          principal.tenantId,
          params.flowId,
          setFlowStatus(deps.db, principal, params.flowId, 'archived', body.reason),
        );
        const workflowIds = await listOpenRunWorkflowIds(deps.db, principal.tenantId, params.flowId);
        const results = await Promise.allSettled(
          workflowIds.map((id) =>
            deps.temporal.workflow.getHandle(id).signal(cancelSignal, { reason: `flow archived: ${body.reason}` }),
          ),
        );
        return { body: { flow, cancelled: results.filter((r) => r.status === 'fulfilled').length } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/flows/:flowId/node-counts',
      tag: 'flows',
      summary: 'How many open runs sit at each node (for the designer)',
      access: 'flows:read',
      params: FlowIdParams,
      responses: { 200: { description: 'node id -> open runs' } },
      handler: async ({ principal, params }) => {
        await getFlow(deps.db, principal.tenantId, params.flowId);
        return { body: await countOpenRunsByNode(deps.db, principal.tenantId, params.flowId) };
      },
    }),
  ];
}
