import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  bulkEnrollmentWorkflowId,
  CancelRunSchema,
  EnrollRequestSchema,
  FlowRunDetailSchema,
  FlowRunSchema,
  InboundEventSchema,
  NotFoundError,
  pageOf,
  RUN_STATUSES,
  temporalRunUrl,
  TestRunRequestSchema,
  validateFlowDefinition,
  UserError,
  type FlowRun,
  type InboundEvent,
  type Principal,
} from '@cadenza/core';
import { getFlow, getRun, listRuns, readableContactIds } from '@cadenza/data';
import { enrollContact, startTestRun } from '@cadenza/services/flow';
import type { SignalDefinition } from '@temporalio/client';
import {
  bulkEnrollmentProgressQuery,
  cancelSignal,
  inboundEventSignal,
  pauseSignal,
  resumeSignal,
  retrySignal,
  skipWaitSignal,
  unenrollSignal,
  WORKFLOW_NAMES,
  type WorkflowContracts,
} from '@cadenza/contracts';
import { runSearchAttributeKeys } from '@cadenza/temporal/search-attribute-keys';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import type { FlowRouteDependencies } from './flow-route-dependencies';

const FlowIdParams = z.object({ flowId: z.string().min(1).max(100) });
const RunParams = z.object({ enrollmentId: z.string().min(1).max(100).describe('enrollment id of the run') });
/** Above this many contacts an enrollment runs as a bulk-enrollment workflow with progress. */
const INLINE_ENROLLMENT_LIMIT = 100;

/** Enrollment, test runs, and run inspection and control. */
export function runRoutes(deps: FlowRouteDependencies): ApiRoute[] {
  const withLink = <R extends FlowRun>(run: R) => ({
    ...run,
    temporalUiUrl: temporalRunUrl(deps.temporalUiUrl, deps.namespace, run.workflowId),
  });
  const enrollmentDeps = { db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, crm: deps.crm };

  const signalRun =
    <Args extends unknown[], Body>(signal: SignalDefinition<Args>, argsOf: (body: Body) => Args) =>
    async ({ principal, params, body }: { principal: Principal; params: { enrollmentId: string }; body: Body }) => {
      // Read as the caller: a run about a contact they may not read is not found, and not signalled.
      const run = await getRun(deps.db, principal, params.enrollmentId);
      if (run.endedAt)
        throw new UserError('run_ended', `run ${params.enrollmentId} has ended (${run.status})`, undefined, 409);
      const handle = deps.temporal.workflow.getHandle(run.workflowId);
      await handle.signal(signal, ...argsOf(body));
      return { status: 202, body: { enrollmentId: run.enrollmentId, signal: signal.name } };
    };

  return [
    defineRoute({
      method: 'post',
      path: '/flows/:flowId/enrollments',
      tag: 'runs',
      summary: 'Enroll contacts in the latest published version (over 100 contacts: a bulk-enrollment workflow)',
      access: 'contacts:write',
      params: FlowIdParams,
      body: EnrollRequestSchema,
      responses: {
        200: { description: 'per-contact outcome (started, already_enrolled, not_reenrollable)' },
        202: { description: 'bulk enrollment started; follow its progress' },
        409: { description: 'the flow is not active or has no published version' },
      },
      handler: async ({ principal, params, body }) => {
        const flow = await getFlow(deps.db, principal.tenantId, params.flowId);
        if (flow.status !== 'active')
          throw new UserError(
            'flow_not_active',
            `flow ${flow.id} is ${flow.status}: it takes no new enrollments`,
            undefined,
            409,
          );
        const requested = [...new Set(body.contactIds)];
        // Only contacts the caller may read are enrolled; the others answer as unknown ones do.
        const readable = await readableContactIds(deps.db, principal, requested);
        const contactIds = requested.filter((id) => readable.has(id));
        // Bulk or inline by what was asked, so the answer's shape does not depend on ownership.
        if (requested.length > INLINE_ENROLLMENT_LIMIT) {
          const workflowId = bulkEnrollmentWorkflowId(principal.tenantId, params.flowId, randomUUID());
          await deps.temporal.workflow.start<WorkflowContracts['bulkEnrollmentWorkflow']>(
            WORKFLOW_NAMES.bulkEnrollmentWorkflow,
            {
              taskQueue: deps.taskQueue,
              workflowId,
              args: [{ tenantId: principal.tenantId, flowId: params.flowId, contactIds }],
              typedSearchAttributes: [
                { key: runSearchAttributeKeys.TenantId, value: principal.tenantId },
                { key: runSearchAttributeKeys.FlowId, value: params.flowId },
                { key: runSearchAttributeKeys.RunKind, value: 'bulk_enrollment' },
              ],
            },
          );
          return { status: 202, body: { bulkEnrollmentId: workflowId, contacts: contactIds.length } };
        }
        const outcomes = [];
        for (const contactId of requested) {
          if (!readable.has(contactId)) {
            outcomes.push({ contactId, status: 'contact_not_found' as const });
            continue;
          }
          try {
            outcomes.push({
              contactId,
              ...(await enrollContact(enrollmentDeps, {
                tenantId: principal.tenantId,
                flowId: params.flowId,
                contactId,
                source: 'api',
              })),
            });
          } catch (error) {
            if (!(error instanceof NotFoundError)) throw error;
            outcomes.push({ contactId, status: 'contact_not_found' as const });
          }
        }
        return { body: { items: outcomes } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/bulk-enrollments/:bulkEnrollmentId',
      tag: 'runs',
      summary: 'Progress of a bulk enrollment',
      access: 'runs:read',
      params: z.object({ bulkEnrollmentId: z.string().min(1).max(200) }),
      responses: { 200: { description: 'progress counts' }, 404: { description: 'no such bulk enrollment' } },
      handler: async ({ principal, params }) => {
        if (params.bulkEnrollmentId.split(':')[1] !== principal.tenantId)
          throw new NotFoundError('bulk enrollment', params.bulkEnrollmentId);
        const handle = deps.temporal.workflow.getHandle(params.bulkEnrollmentId);
        const progress = await handle.query(bulkEnrollmentProgressQuery).catch(() => {
          throw new NotFoundError('bulk enrollment', params.bulkEnrollmentId);
        });
        return { body: progress };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/flows/:flowId/test-runs',
      tag: 'runs',
      summary: 'Test-run the draft (or a version) against one contact; side effects are captured, not performed',
      access: 'flows:manage',
      params: FlowIdParams,
      body: TestRunRequestSchema,
      responses: { 202: { description: 'test run started' } },
      handler: async ({ principal, params, body }) => {
        const flow = await getFlow(deps.db, principal.tenantId, params.flowId);
        let draft;
        if (body.version === undefined) {
          const checked = validateFlowDefinition(flow.draft);
          if (!checked.ok)
            throw new UserError('invalid_flow', 'the draft is invalid; fix it before a test run', {
              errors: checked.errors,
            });
          draft = checked.definition;
        }
        const started = await startTestRun(enrollmentDeps, {
          tenantId: principal.tenantId,
          flowId: flow.id,
          contactId: body.contactId,
          version: body.version,
          draft,
          flowName: flow.name,
          kind: flow.kind,
        });
        return {
          status: 202,
          body: { ...started, temporalUiUrl: temporalRunUrl(deps.temporalUiUrl, deps.namespace, started.workflowId) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/runs',
      tag: 'runs',
      summary: 'List runs by flow, contact, status or current node',
      access: 'runs:read',
      query: z.object({
        flowId: z.uuid().optional(),
        contactId: z.string().max(100).optional(),
        status: z.enum(RUN_STATUSES).optional(),
        nodeId: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100).describe('page size, 1-500'),
        cursor: z.string().max(500).optional().describe('opaque cursor from the previous page (its nextCursor)'),
      }),
      responses: {
        200: {
          description: 'one page of runs, newest first; nextCursor is null on the last page',
          schema: pageOf(FlowRunSchema),
        },
      },
      handler: async ({ principal, query }) => {
        const page = await listRuns(deps.db, principal, query);
        return { body: { items: page.items.map(withLink), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/runs/:enrollmentId',
      tag: 'runs',
      summary: 'A run with its step timeline and a link to it in the Temporal UI',
      access: 'runs:read',
      params: RunParams,
      responses: {
        200: { description: 'the run', schema: FlowRunDetailSchema },
        404: { description: 'no such run in this tenant' },
      },
      handler: async ({ principal, params }) => ({
        body: withLink(await getRun(deps.db, principal, params.enrollmentId)),
      }),
    }),
    ...(
      [
        ['pause', pauseSignal, 'Pause the run before its next step'],
        ['resume', resumeSignal, 'Resume a paused run'],
        ['skip-wait', skipWaitSignal, 'End the current wait now'],
        ['retry', retrySignal, 'Retry the failed step (same idempotency key: nothing is done twice)'],
      ] as const
    ).map(([path, signal, summary]) =>
      defineRoute({
        method: 'post',
        path: `/runs/:enrollmentId/${path}`,
        tag: 'runs',
        summary,
        access: 'runs:manage',
        params: RunParams,
        responses: { 202: { description: 'signal sent' }, 409: { description: 'the run has ended' } },
        handler: (context) => signalRun(signal, (): [] => [])(context),
      }),
    ),
    defineRoute({
      method: 'post',
      path: '/runs/:enrollmentId/cancel',
      tag: 'runs',
      summary: 'Cancel the run with a recorded reason',
      access: 'runs:manage',
      params: RunParams,
      body: CancelRunSchema,
      responses: { 202: { description: 'signal sent' }, 409: { description: 'the run has ended' } },
      handler: (context) =>
        signalRun(cancelSignal, (body: { reason: string }): [{ reason: string }] => [body])(context),
    }),
    defineRoute({
      method: 'post',
      path: '/runs/:enrollmentId/unenroll',
      tag: 'runs',
      summary: 'Remove the contact from the flow (manual unenrollment)',
      access: 'contacts:write',
      params: RunParams,
      responses: { 202: { description: 'signal sent' }, 409: { description: 'the run has ended' } },
      handler: (context) => signalRun(unenrollSignal, (): [{ reason: 'manual' }] => [{ reason: 'manual' }])(context),
    }),
    defineRoute({
      method: 'post',
      path: '/runs/:enrollmentId/events',
      tag: 'runs',
      summary: 'Deliver an inbound event (reply, open, click, stage change, custom…) to the run',
      access: 'contacts:write',
      params: RunParams,
      body: InboundEventSchema,
      responses: { 202: { description: 'event delivered' }, 409: { description: 'the run has ended' } },
      handler: (context) => signalRun(inboundEventSignal, (body: InboundEvent): [InboundEvent] => [body])(context),
    }),
  ];
}
