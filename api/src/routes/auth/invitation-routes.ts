import { z } from 'zod';
import { InvitationViewSchema, MembershipViewSchema, MyInvitationViewSchema } from '@cadenza/core';
import {
  actorOf,
  acceptInvitation,
  declineInvitation,
  listMyInvitations,
  listTenantInvitations,
  revokeTenantInvitation,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { requireSession } from '../../auth/session-resolver';
import type { AuthRouteDependencies } from './auth-route-deps';

const InvitationParams = z.object({ invitationId: z.uuid().describe('id of an invitation') });

/**
 * Invitations both ways: a workspace admin lists and revokes what they sent; a signed-in
 * person lists, accepts or declines what was sent to their email.
 */
export function invitationRoutes({ db }: AuthRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/invitations',
      tag: 'users',
      summary: 'Pending invitations of this workspace',
      access: 'users:manage',
      responses: {
        200: { description: 'the invitations', schema: z.object({ items: z.array(InvitationViewSchema) }) },
      },
      handler: async ({ principal }) => ({ body: { items: await listTenantInvitations(db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'delete',
      path: '/invitations/:invitationId',
      tag: 'users',
      summary: 'Revoke a pending invitation of this workspace',
      access: 'users:manage',
      params: InvitationParams,
      responses: { 204: { description: 'revoked' }, 404: { description: 'no such pending invitation here' } },
      handler: async ({ params, principal }) => {
        await revokeTenantInvitation(
          db,
          principal.tenantId,
          params.invitationId,
          actorOf(principal),
          principal.clientAddress,
        );
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/invitations',
      tag: 'auth',
      summary: 'Invitations to other workspaces waiting for your answer',
      access: 'authenticated',
      responses: {
        200: { description: 'your invitations', schema: z.object({ items: z.array(MyInvitationViewSchema) }) },
      },
      handler: async ({ req }) => ({ body: { items: await listMyInvitations(db, requireSession(req).userId) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/invitations/:invitationId/accept',
      tag: 'auth',
      summary: 'Join the workspace of an invitation; switch to it with /auth/switch-tenant',
      access: 'authenticated',
      params: InvitationParams,
      responses: {
        200: { description: 'the new membership', schema: MembershipViewSchema },
        404: { description: 'no such pending invitation for you' },
      },
      handler: async ({ params, req }) => ({
        body: await acceptInvitation(db, requireSession(req).userId, params.invitationId, req.ip ?? null),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/invitations/:invitationId/decline',
      tag: 'auth',
      summary: 'Decline an invitation',
      access: 'authenticated',
      params: InvitationParams,
      responses: { 204: { description: 'declined' }, 404: { description: 'no such pending invitation for you' } },
      handler: async ({ params, req }) => {
        await declineInvitation(db, requireSession(req).userId, params.invitationId, req.ip ?? null);
        return { status: 204 };
      },
    }),
  ];
}
