import { z } from 'zod';
import {
  MailboxOAuthCallbackSchema,
  MailboxOAuthProvidersSchema,
  MailboxOAuthStartSchema,
  MailboxViewSchema,
} from '@cadenza/core';
import { auditContextOf, getMailbox, recordAudit, type DataSource } from '@cadenza/data';
import type { EgressGuard } from '@cadenza/services/net';
import {
  completeMailboxOAuth,
  startMailboxOAuth,
  startMailboxSync,
  type MailOAuthSettings,
} from '@cadenza/services/messaging';
import type { Client } from '@temporalio/client';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { mailboxScopeOf, ownerOfNewMailbox } from './mailbox-scope';

/**
 * Connecting Gmail and Microsoft 365 mailboxes by OAuth 2.0 (authorization code with PKCE). The
 * web app starts a connect, sends the browser to the provider, and hands what the provider sent
 * back to its callback page to POST /mailboxes/oauth/callback with the person's own session: the
 * state is single-use, expires in ten minutes and only finishes for the user and tenant that
 * started it. The connected mailbox starts syncing at once. Like the SMTP mailboxes, any signed-in
 * user connects their own (a sales rep's Gmail is theirs); an admin connects the workspace's, or
 * their own with `personal`; a reconnect reaches only a mailbox the caller may manage.
 */
export function mailboxOAuthRoutes(deps: {
  db: DataSource;
  secretKey: Buffer | null;
  egress: EgressGuard;
  oauth: MailOAuthSettings;
  temporal: Client;
  taskQueue: string;
}): ApiRoute[] {
  const connect = { db: deps.db, secretKey: deps.secretKey, egress: deps.egress, oauth: deps.oauth };
  return [
    defineRoute({
      method: 'get',
      path: '/mailboxes/oauth/providers',
      tag: 'messaging',
      summary: 'Which OAuth mailbox kinds this deployment can connect (Gmail, Microsoft 365)',
      access: 'authenticated',
      responses: { 200: { description: 'the configured providers', schema: MailboxOAuthProvidersSchema } },
      handler: async () => ({ body: { gmail: deps.oauth.gmail !== null, microsoft: deps.oauth.microsoft !== null } }),
    }),
    defineRoute({
      method: 'post',
      path: '/mailboxes/oauth/start',
      tag: 'messaging',
      summary:
        'Start connecting a Gmail or Microsoft 365 mailbox, or reconnecting one: answers where to send the browser',
      access: 'authenticated',
      body: MailboxOAuthStartSchema,
      responses: {
        201: {
          description: 'the provider address to open (valid ten minutes, once)',
          schema: z.object({ authorizeUrl: z.string(), expiresAt: z.string() }),
        },
        400: { description: 'personal: true from an API key (no user to own the mailbox)' },
        403: { description: 'an API key without settings:manage, or personal: false from a user without it' },
        404: { description: "the mailbox to reconnect was not found (or is another user's)" },
        409: { description: 'the deployment configures no OAuth app for this kind, or has no CADENZA_SECRET_KEY' },
      },
      handler: async ({ principal, body }) => {
        const scope = mailboxScopeOf(principal);
        // A reconnect keeps the mailbox's owner; only a new one needs deciding.
        const personal = body.mailboxId ? false : ownerOfNewMailbox(principal, body.personal) !== null;
        return {
          status: 201,
          body: await startMailboxOAuth(connect, { ...principal, scope }, { ...body, personal }),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/mailboxes/oauth/callback',
      tag: 'messaging',
      summary: "Finish a connect with the provider's redirect (state and code, or its error)",
      access: 'authenticated',
      body: MailboxOAuthCallbackSchema,
      responses: {
        200: {
          description: 'reconnected: the same mailbox, its sync resumes from its cursor',
          schema: MailboxViewSchema,
        },
        201: { description: 'connected: a new mailbox', schema: MailboxViewSchema },
        400: { description: 'consent refused, an unknown, foreign or expired state, no code, or the code refused' },
        403: { description: 'an API key without settings:manage (it has no mailbox of its own)' },
        409: { description: 'the state was used already, or the account is connected already' },
        502: { description: 'the provider could not be reached or refused to name the account' },
      },
      handler: async ({ principal, body }) => {
        const scope = mailboxScopeOf(principal);
        const done = await completeMailboxOAuth(connect, { ...principal, scope }, body);
        // Which account was connected, never its tokens (they are sealed in the mailbox row).
        await recordAudit(deps.db, auditContextOf(principal), {
          action: 'connect',
          entity: 'mailbox',
          entityId: done.mailboxId,
          before: null,
          after: { provider: done.kind, account: done.account, reconnect: !done.created },
        });
        await startMailboxSync(
          { temporal: deps.temporal, taskQueue: deps.taskQueue },
          { tenantId: principal.tenantId, mailboxId: done.mailboxId },
        );
        return {
          status: done.created ? 201 : 200,
          body: await getMailbox(deps.db, scope, done.mailboxId),
        };
      },
    }),
  ];
}
