import { z } from 'zod';
import type { Client } from '@temporalio/client';
import {
  ApprovalListQuerySchema,
  ApprovalSchema,
  ApproveRequestSchema,
  pageOf,
  RejectRequestSchema,
  type Principal,
} from '@cadenza/core';
import { getApproval, listApprovals, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { decideAndSignal, type HumanDecision } from './approval-decision';

const ApprovalParams = z.object({ id: z.uuid().describe('approval id') });

/**
 * The approvals inbox: drafts that agent chains wait on. Marketers and admins decide; ops
 * read. A decision is written and signalled to the waiting run in one transaction.
 */
export function approvalRoutes(deps: { db: DataSource; temporal: Client }): ApiRoute[] {
  const decide = (principal: Principal, id: string, decision: HumanDecision) =>
    decideAndSignal(deps, principal, id, decision);

  return [
    defineRoute({
      method: 'get',
      path: '/approvals',
      tag: 'ai',
      summary: 'Agent drafts of the tenant in one status (pending by default), newest first',
      access: 'approvals:read',
      query: ApprovalListQuerySchema,
      responses: { 200: { description: 'one page of drafts', schema: pageOf(ApprovalSchema) } },
      handler: async ({ principal, query }) => ({ body: await listApprovals(deps.db, principal.tenantId, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/approvals/:id',
      tag: 'ai',
      summary: 'One agent draft',
      access: 'approvals:read',
      params: ApprovalParams,
      responses: { 200: { description: 'the draft', schema: ApprovalSchema }, 404: { description: 'no such draft' } },
      handler: async ({ principal, params }) => ({ body: await getApproval(deps.db, principal.tenantId, params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/approvals/:id/approve',
      tag: 'ai',
      summary: 'Approve a draft, as it is or edited; the waiting run sends it once',
      access: 'approvals:decide',
      params: ApprovalParams,
      body: ApproveRequestSchema,
      responses: {
        200: { description: 'the decided draft', schema: ApprovalSchema },
        404: { description: 'no such draft' },
        409: { description: 'already decided, or the run has ended' },
        422: {
          description:
            'draft_failed_checks: the draft failed the quality gate and was sent unchanged, or the edit still fails it (details.failures)',
        },
      },
      handler: async ({ principal, params, body }) => ({
        body: await decide(
          principal,
          params.id,
          body.draft ? { action: 'edit', draft: body.draft } : { action: 'approve' },
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/approvals/:id/reject',
      tag: 'ai',
      summary: 'Reject a draft; the run takes its "rejected" output and nothing is sent',
      access: 'approvals:decide',
      params: ApprovalParams,
      body: RejectRequestSchema,
      responses: {
        200: { description: 'the decided draft', schema: ApprovalSchema },
        404: { description: 'no such draft' },
        409: { description: 'already decided, or the run has ended' },
      },
      handler: async ({ principal, params, body }) => ({
        body: await decide(principal, params.id, {
          action: 'reject',
          ...(body.reason ? { reason: body.reason } : {}),
        }),
      }),
    }),
  ];
}
