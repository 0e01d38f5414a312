import { z } from 'zod';
import { ConflictError, MailboxCreateSchema, MailboxUpdateSchema, MailboxViewSchema } from '@cadenza/core';
import {
  auditContextOf,
  createMailbox,
  deleteMailbox,
  getMailbox,
  listMailboxes,
  updateMailbox,
  type DataSource,
} from '@cadenza/data';
import { mailboxScopeOf, ownerOfNewMailbox } from './mailbox-scope';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { assertEgressHost } from '../../http/egress-target';
import type { EgressGuard } from '@cadenza/services/net';
import { startMailboxSync } from '@cadenza/services/messaging';
import type { Client } from '@temporalio/client';

const IdParams = z.object({ id: z.uuid().describe('mailbox id') });

/**
 * Mailboxes of the tenant: the workspace's (admins) and each user's own (its user, and admins).
 * Any signed-in user manages their own mailbox; another user's answers 404 (mailbox-scope.ts).
 * Secrets go in sealed and never come out: views say only hasSecret.
 * A mailbox with IMAP settings listens: its sync workflow starts (or polls again) whenever the
 * mailbox is connected or changed, and on "Sync now".
 */
export function mailboxRoutes(deps: {
  db: DataSource;
  secretKey: Buffer | null;
  egress: EgressGuard;
  temporal: Client;
  taskQueue: string;
}): ApiRoute[] {
  const listen = (tenantId: string, mailboxId: string) =>
    startMailboxSync({ temporal: deps.temporal, taskQueue: deps.taskQueue }, { tenantId, mailboxId });
  return [
    defineRoute({
      method: 'get',
      path: '/mailboxes',
      tag: 'messaging',
      summary: 'List the mailboxes messages are sent from (without the admin role: your own)',
      access: 'authenticated',
      responses: { 200: { description: 'mailboxes', schema: z.object({ items: z.array(MailboxViewSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listMailboxes(deps.db, mailboxScopeOf(principal)) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/mailboxes',
      tag: 'messaging',
      summary:
        "Add a mailbox (SMTP credentials or a SendGrid API key, encrypted at rest): the workspace's, or with personal (always, without the admin role) your own",
      access: 'authenticated',
      body: MailboxCreateSchema,
      responses: {
        201: { description: 'created', schema: MailboxViewSchema },
        409: { description: 'the server has no CADENZA_SECRET_KEY to seal the secret' },
      },
      handler: async ({ principal, body }) => {
        if (body.kind === 'smtp') assertEgressHost('host', body.host, body.port, deps.egress.allow);
        if (body.kind === 'smtp' && body.imap)
          assertEgressHost('imap.host', body.imap.host, body.imap.port, deps.egress.allow);
        const created = await createMailbox(deps.db, deps.secretKey, mailboxScopeOf(principal), body, {
          ownerUserId: ownerOfNewMailbox(principal, body.personal),
          audit: auditContextOf(principal),
        });
        if (created.imap) await listen(principal.tenantId, created.id);
        return { status: 201, body: created };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/mailboxes/:id',
      tag: 'messaging',
      summary: 'A mailbox (without its secret)',
      access: 'authenticated',
      params: IdParams,
      responses: { 200: { description: 'the mailbox', schema: MailboxViewSchema }, 404: { description: 'not found' } },
      handler: async ({ principal, params }) => ({
        body: await getMailbox(deps.db, mailboxScopeOf(principal), params.id),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/mailboxes/:id',
      tag: 'messaging',
      summary: 'Change a mailbox; a new secret replaces the old one',
      access: 'authenticated',
      params: IdParams,
      body: MailboxUpdateSchema,
      responses: { 200: { description: 'changed', schema: MailboxViewSchema }, 404: { description: 'not found' } },
      handler: async ({ principal, params, body }) => {
        if (body.host !== undefined || body.port !== undefined) {
          // Either may change alone; the target is the pair.
          const current = await getMailbox(deps.db, mailboxScopeOf(principal), params.id);
          const host = body.host ?? current.host;
          if (host) assertEgressHost('host', host, body.port ?? current.port ?? 587, deps.egress.allow);
        }
        if (body.imap) assertEgressHost('imap.host', body.imap.host, body.imap.port, deps.egress.allow);
        const changed = await updateMailbox(
          deps.db,
          deps.secretKey,
          mailboxScopeOf(principal),
          params.id,
          body,
          auditContextOf(principal),
        );
        if (changed.imap) await listen(principal.tenantId, changed.id);
        return { body: changed };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/mailboxes/:id/sync',
      tag: 'messaging',
      summary: 'Sync now: reads the INBOX for replies at once (also how a mailbox reconnects after an error)',
      access: 'authenticated',
      params: IdParams,
      responses: {
        202: { description: 'the sync polls now', schema: z.object({ workflowId: z.string() }) },
        404: { description: 'not found' },
        409: { description: 'the mailbox has no IMAP settings' },
      },
      handler: async ({ principal, params }) => {
        const mailbox = await getMailbox(deps.db, mailboxScopeOf(principal), params.id);
        if (!mailbox.imap && !mailbox.oauth)
          throw new ConflictError('this mailbox has no IMAP settings: add them to read its replies');
        return { status: 202, body: await listen(principal.tenantId, mailbox.id) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/mailboxes/:id',
      tag: 'messaging',
      summary: 'Remove a mailbox (its messages stay in the outbox)',
      access: 'authenticated',
      params: IdParams,
      responses: { 204: { description: 'removed' }, 404: { description: 'not found' } },
      handler: async ({ principal, params }) => {
        await deleteMailbox(deps.db, mailboxScopeOf(principal), params.id, auditContextOf(principal));
        return { status: 204 };
      },
    }),
  ];
}
