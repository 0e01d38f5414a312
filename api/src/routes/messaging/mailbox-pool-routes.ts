import { z } from 'zod';
import {
  MailboxPoolCreateSchema,
  MailboxPoolUpdateSchema,
  MailboxPoolViewSchema,
  SenderOptionsSchema,
} from '@cadenza/core';
import {
  createMailboxPool,
  deleteMailboxPool,
  getMailboxPool,
  listMailboxPools,
  senderOptions,
  updateMailboxPool,
  type DataSource,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const IdParams = z.object({ id: z.uuid().describe('pool id') });

/**
 * Rotation pools (admins): named sets of workspace mailboxes a flow sends from in turn, each
 * send to the member with the most room under its caps. And the sender picker's options for
 * whoever designs flows: workspace mailboxes by name and address (no settings) and pools.
 */
export function mailboxPoolRoutes(deps: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/mailbox-pools',
      tag: 'messaging',
      summary: 'List the rotation pools',
      access: 'settings:manage',
      responses: { 200: { description: 'pools', schema: z.object({ items: z.array(MailboxPoolViewSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listMailboxPools(deps.db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/mailbox-pools',
      tag: 'messaging',
      summary: 'Add a rotation pool of workspace mailboxes',
      access: 'settings:manage',
      body: MailboxPoolCreateSchema,
      responses: {
        201: { description: 'created', schema: MailboxPoolViewSchema },
        409: { description: 'a pool of that name exists' },
      },
      handler: async ({ principal, body }) => ({
        status: 201,
        body: await createMailboxPool(deps.db, principal.tenantId, body),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/mailbox-pools/:id',
      tag: 'messaging',
      summary: 'A rotation pool',
      access: 'settings:manage',
      params: IdParams,
      responses: { 200: { description: 'the pool', schema: MailboxPoolViewSchema }, 404: { description: 'not found' } },
      handler: async ({ principal, params }) => ({
        body: await getMailboxPool(deps.db, principal.tenantId, params.id),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/mailbox-pools/:id',
      tag: 'messaging',
      summary: 'Rename a rotation pool or replace its members',
      access: 'settings:manage',
      params: IdParams,
      body: MailboxPoolUpdateSchema,
      responses: { 200: { description: 'changed', schema: MailboxPoolViewSchema }, 404: { description: 'not found' } },
      handler: async ({ principal, params, body }) => ({
        body: await updateMailboxPool(deps.db, principal.tenantId, params.id, body),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/mailbox-pools/:id',
      tag: 'messaging',
      summary: 'Remove a rotation pool (flows naming it send from the workspace default, and say so on each message)',
      access: 'settings:manage',
      params: IdParams,
      responses: { 204: { description: 'removed' }, 404: { description: 'not found' } },
      handler: async ({ principal, params }) => {
        await deleteMailboxPool(deps.db, principal.tenantId, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sender-options',
      tag: 'messaging',
      summary:
        "What a send_email may send from: the workspace's mailboxes (name and address only) and its rotation pools",
      access: 'flows:read',
      responses: { 200: { description: 'the options', schema: SenderOptionsSchema } },
      handler: async ({ principal }) => ({ body: await senderOptions(deps.db, principal.tenantId) }),
    }),
  ];
}
