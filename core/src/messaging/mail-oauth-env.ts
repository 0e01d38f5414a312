import { z } from 'zod';

/**
 * The OAuth apps a deployment registered with Google and Microsoft, so reps can connect Gmail and
 * Microsoft 365 mailboxes (issue 21). A provider is offered only when its client id and secret are
 * both set; every URL is configurable so tests point them at local servers speaking the same wire
 * format. Part of MessagingEnvSchema: the API runs the connect flow, the worker refreshes tokens,
 * syncs and sends.
 */
export const MailOAuthEnvSchema = z.object({
  GOOGLE_OAUTH_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .describe('client id of the Google OAuth app; with its secret, Settings offer "Connect Google"'),
  GOOGLE_OAUTH_CLIENT_SECRET: z.string().min(1).optional().describe('client secret of the Google OAuth app'),
  GOOGLE_OAUTH_AUTHORIZE_URL: z
    .url()
    .default('https://accounts.google.com/o/oauth2/v2/auth')
    .describe('Google authorization endpoint (tests: a local server)'),
  GOOGLE_OAUTH_TOKEN_URL: z
    .url()
    .default('https://oauth2.googleapis.com/token')
    .describe('Google token endpoint (tests: a local server)'),
  GMAIL_API_BASE_URL: z
    .url()
    .default('https://gmail.googleapis.com')
    .describe('Gmail REST API base URL, without /gmail/v1 (tests: a local server)'),
  MICROSOFT_OAUTH_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .describe(
      'application (client) id of the Microsoft Entra app; with its secret, Settings offer "Connect Microsoft"',
    ),
  MICROSOFT_OAUTH_CLIENT_SECRET: z.string().min(1).optional().describe('client secret of the Microsoft Entra app'),
  MICROSOFT_OAUTH_AUTHORIZE_URL: z
    .url()
    .default('https://login.microsoftonline.com/common/oauth2/v2.0/authorize')
    .describe('Microsoft identity platform authorization endpoint (tests: a local server)'),
  MICROSOFT_OAUTH_TOKEN_URL: z
    .url()
    .default('https://login.microsoftonline.com/common/oauth2/v2.0/token')
    .describe('Microsoft identity platform token endpoint (tests: a local server)'),
  MICROSOFT_GRAPH_BASE_URL: z
    .url()
    .default('https://graph.microsoft.com/v1.0')
    .describe('Microsoft Graph base URL, with its version (tests: a local server)'),
});
export type MailOAuthEnv = z.infer<typeof MailOAuthEnvSchema>;

/** The two mailbox kinds connected by OAuth rather than by a password or API key. */
export const OAUTH_MAILBOX_KINDS = ['gmail', 'microsoft'] as const;
export type OAuthMailboxKind = (typeof OAUTH_MAILBOX_KINDS)[number];
export const isOAuthMailboxKind = (kind: string): kind is OAuthMailboxKind =>
  (OAUTH_MAILBOX_KINDS as readonly string[]).includes(kind);
