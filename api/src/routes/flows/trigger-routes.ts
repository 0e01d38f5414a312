import { z } from 'zod';
import { WebhookRequestSchema } from '@cadenza/core';
import { enrollFromWebhook } from '@cadenza/services/flow';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import type { FlowRouteDependencies } from './flow-route-dependencies';

const FlowIdParams = z.object({ flowId: z.string().min(1).max(100).describe('flow id') });

/** Inbound triggers: webhooks that enroll a contact in a webhook-triggered flow. */
export function triggerRoutes(deps: FlowRouteDependencies): ApiRoute[] {
  const enrollmentDeps = { db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, crm: deps.crm };
  return [
    defineRoute({
      method: 'post',
      path: '/flows/:flowId/webhook',
      tag: 'runs',
      summary: 'Webhook trigger: find or create the contact (by email) and enroll it',
      access: 'contacts:write',
      params: FlowIdParams,
      body: WebhookRequestSchema,
      responses: {
        200: { description: 'outcome: started, already_enrolled or not_reenrollable, with the contact' },
        400: { description: 'the payload names no contact' },
        404: { description: 'no such flow or contact' },
        409: { description: 'the flow is not active or not triggered by a webhook' },
      },
      handler: async ({ principal, params, body }) => ({
        body: await enrollFromWebhook(enrollmentDeps, principal, params.flowId, body),
      }),
    }),
  ];
}
