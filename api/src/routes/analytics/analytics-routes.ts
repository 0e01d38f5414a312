import { z } from 'zod';
import {
  AbTestQuerySchema,
  AnalyticsRangeQuerySchema,
  FlowAbTestsSchema,
  FlowFunnelSchema,
  RepActivityReportSchema,
} from '@cadenza/core';
import { flowAbTests, flowFunnel, repActivity, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const FlowParams = z.object({ flowId: z.uuid().describe('flow id') });

/**
 * Reports read from the run/step projection, messages and CRM tables of the caller's tenant
 * only. Flow reports need what reading runs needs; rep activity shows what each person did,
 * so it takes the same right as reading the audit log.
 */
export function analyticsRoutes(deps: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/analytics/flows/:flowId/funnel',
      tag: 'analytics',
      summary:
        'A flow’s funnel per day and per step: enrolled, sent, delivered, opened, clicked, replied, goal, unenrolled',
      access: 'runs:read',
      params: FlowParams,
      query: AnalyticsRangeQuerySchema,
      responses: {
        200: { description: 'the funnel', schema: FlowFunnelSchema },
        404: { description: 'no such flow in this workspace' },
      },
      handler: async ({ principal, params, query }) => ({
        body: await flowFunnel(deps.db, principal.tenantId, params.flowId, query),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/analytics/flows/:flowId/ab-tests',
      tag: 'analytics',
      summary: 'Each A/B split of a flow: conversions per variant and a two-proportion z-test against the first',
      access: 'runs:read',
      params: FlowParams,
      query: AbTestQuerySchema,
      responses: {
        200: { description: 'the split results', schema: FlowAbTestsSchema },
        404: { description: 'no such flow in this workspace' },
      },
      handler: async ({ principal, params, query }) => ({
        body: await flowAbTests(deps.db, principal.tenantId, params.flowId, query),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/analytics/rep-activity',
      tag: 'analytics',
      summary: 'Per user: emails to their contacts, replies, tasks created and done, notes, deal stage moves',
      access: 'audit:read',
      query: AnalyticsRangeQuerySchema,
      responses: { 200: { description: 'activity per user', schema: RepActivityReportSchema } },
      handler: async ({ principal, query }) => ({ body: await repActivity(deps.db, principal.tenantId, query) }),
    }),
  ];
}
