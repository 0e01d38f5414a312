import { z } from 'zod';
import { MailboxCheckResultSchema } from '@cadenza/core';
import { getMailbox, type DataSource } from '@cadenza/data';
import { mailboxScopeOf } from './mailbox-scope';
import { checkMailbox, type MessagingSettings } from '@cadenza/services/messaging';
import type { EgressGuard } from '@cadenza/services/net';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const IdParams = z.object({ id: z.uuid().describe('mailbox id') });

/** "Test connection" for a mailbox: its stored credentials tried against the provider, nothing sent. */
export function mailboxCheckRoutes(deps: {
  db: DataSource;
  settings: Pick<MessagingSettings, 'secretKey' | 'sendgridBaseUrl' | 'mailOAuth'>;
  egress: EgressGuard;
}): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/mailboxes/:id/test',
      tag: 'messaging',
      summary: 'Test a mailbox: SMTP connect and login, or a SendGrid key check; sends nothing',
      access: 'authenticated',
      params: IdParams,
      responses: {
        200: { description: 'the outcome (ok false when the provider refused)', schema: MailboxCheckResultSchema },
        404: { description: 'not found' },
      },
      handler: async ({ principal, params }) => {
        // Another user's mailbox answers 404 before anything is tried.
        await getMailbox(deps.db, mailboxScopeOf(principal), params.id);
        return {
          body: await checkMailbox(
            {
              db: deps.db,
              secretKey: deps.settings.secretKey,
              sendgridBaseUrl: deps.settings.sendgridBaseUrl,
              egress: deps.egress,
              oauthAccess: {
                db: deps.db,
                secretKey: deps.settings.secretKey,
                egress: deps.egress,
                oauth: deps.settings.mailOAuth,
              },
            },
            principal.tenantId,
            params.id,
          ),
        };
      },
    }),
  ];
}
