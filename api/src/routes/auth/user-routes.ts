import { z } from 'zod';
import {
  ChangeRoleRequestSchema,
  InvitationViewSchema,
  InviteUserRequestSchema,
  TenantUserViewSchema,
  WorkspaceMemberSchema,
} from '@cadenza/core';
import {
  actorOf,
  changeTenantUserRole,
  getTenantUser,
  inviteToTenant,
  listTenantUsers,
  listWorkspaceMembers,
  removeTenantUser,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import type { AuthRouteDependencies } from './auth-route-deps';

const UserIdParams = z.object({ userId: z.uuid().describe('id of a user of this workspace') });

/** Admins manage who belongs to their workspace and with which role; every query is scoped to it. */
export function userRoutes({ db }: AuthRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/users',
      tag: 'users',
      summary: 'Users of this workspace with their roles',
      access: 'users:manage',
      responses: { 200: { description: 'the users', schema: z.object({ items: z.array(TenantUserViewSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listTenantUsers(db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/members',
      tag: 'users',
      summary: "This workspace's people by name and role (owner names and pickers); any member may read it",
      access: 'contacts:read',
      responses: {
        200: { description: 'the members', schema: z.object({ items: z.array(WorkspaceMemberSchema) }) },
      },
      handler: async ({ principal }) => ({ body: { items: await listWorkspaceMembers(db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/users',
      tag: 'users',
      summary:
        'Invite a person by email. They join when they accept after signing in; an email with no account gets one with the initial password and joins at its first sign-in. The answer is the same whether the email has an account elsewhere or not.',
      access: 'users:manage',
      body: InviteUserRequestSchema,
      responses: {
        201: { description: 'the invitation, pending until accepted', schema: InvitationViewSchema },
        409: { description: 'already a member of this workspace' },
      },
      handler: async ({ body, principal }) => {
        const invitation = await inviteToTenant(
          db,
          principal.tenantId,
          body,
          actorOf(principal),
          principal.clientAddress,
        );
        return { status: 201, headers: { location: `/api/v1/invitations/${invitation.id}` }, body: invitation };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/users/:userId',
      tag: 'users',
      summary: 'One user of this workspace',
      access: 'users:manage',
      params: UserIdParams,
      responses: {
        200: { description: 'the user', schema: TenantUserViewSchema },
        404: { description: 'no such user in this workspace' },
      },
      handler: async ({ params, principal }) => ({ body: await getTenantUser(db, principal.tenantId, params.userId) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/users/:userId',
      tag: 'users',
      summary: 'Change a user’s role in this workspace',
      access: 'users:manage',
      params: UserIdParams,
      body: ChangeRoleRequestSchema,
      responses: {
        200: { description: 'the user with the new role', schema: TenantUserViewSchema },
        404: { description: 'no such user in this workspace' },
        409: { description: 'it would leave the workspace without an admin' },
      },
      handler: async ({ params, body, principal }) => ({
        body: await changeTenantUserRole(
          db,
          principal.tenantId,
          params.userId,
          body.role,
          actorOf(principal),
          principal.clientAddress,
        ),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/users/:userId',
      tag: 'users',
      summary: 'Remove a user from this workspace (the account stays) and end their sessions here',
      access: 'users:manage',
      params: UserIdParams,
      responses: {
        204: { description: 'removed' },
        404: { description: 'no such user in this workspace' },
        409: { description: 'it would leave the workspace without an admin' },
      },
      handler: async ({ params, principal }) => {
        await removeTenantUser(db, principal.tenantId, params.userId, actorOf(principal), principal.clientAddress);
        return { status: 204 };
      },
    }),
  ];
}
