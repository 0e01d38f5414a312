import { z } from 'zod';

const common = {
  name: z.string().trim().min(1).max(100).describe('label shown in the mailbox list'),
  fromAddress: z.email().describe('address messages are sent from'),
  fromName: z.string().trim().min(1).max(100).optional().describe('display name of the sender'),
  dailyLimit: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1000)
    .describe('most messages this mailbox sends in one UTC day; more wait, in their runs, for the next day'),
  perMinuteLimit: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(10)
    .describe('most messages this mailbox sends in any 60 seconds; more wait for the next free slot'),
  isDefault: z
    .boolean()
    .default(false)
    .describe("the mailbox flows send from when they name none (for a user's own mailbox: that user's default)"),
  personal: z
    .boolean()
    .optional()
    .describe(
      "your own mailbox (flows sending from the contact owner's mailbox use it for your contacts) rather than the workspace's; always true for a user without the admin role",
    ),
};

/** Where replies are read from: the mailbox's IMAP server (any provider; app passwords work). */
export const ImapSettingsSchema = z
  .object({
    host: z.string().trim().min(1).max(255).describe('IMAP server host name'),
    port: z.number().int().min(1).max(65_535).default(993).describe('IMAP port'),
    secure: z.boolean().default(true).describe('TLS from the first byte (port 993); otherwise STARTTLS when offered'),
    username: z.string().max(255).optional().describe('IMAP user name; defaults to the SMTP user, then the address'),
    password: z
      .string()
      .max(1000)
      .optional()
      .describe('IMAP password or app password; stored encrypted, never returned; kept when omitted on a change'),
  })
  .describe("the IMAP server Cadenza reads this mailbox's replies from");
export type ImapSettings = z.infer<typeof ImapSettingsSchema>;

export const MailboxCreateSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('smtp'),
      ...common,
      host: z.string().trim().min(1).max(255).describe('SMTP server host name'),
      port: z.number().int().min(1).max(65_535).default(587).describe('SMTP port'),
      secure: z
        .boolean()
        .default(false)
        .describe('TLS from the first byte (port 465); otherwise STARTTLS when offered'),
      username: z.string().max(255).optional().describe('SMTP user name'),
      password: z.string().max(1000).optional().describe('SMTP password; stored encrypted, never returned'),
      imap: ImapSettingsSchema.optional(),
    }),
    z.object({
      kind: z.literal('sendgrid'),
      ...common,
      apiKey: z.string().min(1).max(1000).describe('SendGrid API key; stored encrypted, never returned'),
    }),
  ])
  .describe('a mailbox: SMTP credentials or a SendGrid API key');
export type MailboxCreate = z.infer<typeof MailboxCreateSchema>;

export const MailboxUpdateSchema = z
  .object({
    name: common.name.optional(),
    fromAddress: common.fromAddress.optional(),
    fromName: common.fromName.nullable(),
    dailyLimit: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe(common.dailyLimit.description ?? ''),
    perMinuteLimit: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe(common.perMinuteLimit.description ?? ''),
    isDefault: z.boolean().optional(),
    host: z.string().trim().min(1).max(255).optional(),
    port: z.number().int().min(1).max(65_535).optional(),
    secure: z.boolean().optional(),
    username: z.string().max(255).nullable().optional(),
    secret: z.string().min(1).max(1000).optional().describe('new SMTP password or SendGrid API key'),
    imap: ImapSettingsSchema.nullable()
      .optional()
      .describe('new IMAP settings (the sync reconnects); null stops listening to this mailbox'),
  })
  .partial()
  .describe('fields to change; secrets are replaced, never read back');
export type MailboxUpdate = z.infer<typeof MailboxUpdateSchema>;

export const MailboxViewSchema = z.object({
  id: z.string(),
  kind: z
    .enum(['smtp', 'sendgrid', 'gmail', 'microsoft'])
    .describe('how it sends: SMTP, SendGrid, or a Gmail / Microsoft 365 account connected by OAuth'),
  name: z.string(),
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  dailyLimit: z.number().int(),
  perMinuteLimit: z.number().int(),
  isDefault: z.boolean(),
  ownerUserId: z.string().nullable().describe("the user whose own mailbox it is; null for the workspace's"),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  secure: z.boolean(),
  username: z.string().nullable(),
  hasSecret: z.boolean().describe('a password or API key is stored (its value is never returned)'),
  imap: z
    .object({
      host: z.string(),
      port: z.number().int(),
      secure: z.boolean(),
      username: z.string().nullable(),
      hasPassword: z.boolean(),
    })
    .nullable()
    .describe('where replies are read from; null when the mailbox only sends'),
  sync: z
    .object({
      lastSyncAt: z.string().nullable().describe('when the last poll of the INBOX succeeded'),
      lastError: z.string().nullable().describe('why the last poll failed, if it did'),
      authFailedAt: z
        .string()
        .nullable()
        .describe('since when the IMAP server refuses the password, or the provider the refresh token (reconnect)'),
    })
    .describe("the mailbox sync's health"),
  oauth: z
    .object({
      account: z.string().describe('the address of the connected account'),
      connectedAt: z.string().describe('when the account was last connected or reconnected'),
    })
    .nullable()
    .describe(
      'the Google or Microsoft account a gmail / microsoft mailbox is connected to (tokens are never returned)',
    ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MailboxView = z.infer<typeof MailboxViewSchema>;

/** Starts connecting a Gmail or Microsoft 365 mailbox, or reconnecting one whose access expired. */
export const MailboxOAuthStartSchema = z
  .object({
    kind: z.enum(['gmail', 'microsoft']).describe('which provider to connect'),
    mailboxId: z
      .uuid()
      .optional()
      .describe('reconnect this mailbox (same id, same sync cursor) rather than add a new one'),
    personal: z
      .boolean()
      .optional()
      .describe(
        "connect your own mailbox (flows sending from the contact owner's mailbox use it for your contacts) rather than the workspace's; always true for a user without the admin role; ignored on reconnect",
      ),
  })
  .describe('connect a mailbox by OAuth 2.0 (authorization code with PKCE)');
export type MailboxOAuthStart = z.infer<typeof MailboxOAuthStartSchema>;

/** What the provider sent back to the redirect address, handed on by the web app. */
export const MailboxOAuthCallbackSchema = z
  .object({
    state: z.string().min(1).max(200).describe('the state of the authorization request, as the provider returned it'),
    code: z.string().min(1).max(4000).optional().describe('the authorization code; absent when consent was refused'),
    error: z.string().max(200).optional().describe("the provider's error code, e.g. access_denied"),
    errorDescription: z.string().max(1000).optional().describe("the provider's error description"),
  })
  .describe('the query of the OAuth redirect');
export type MailboxOAuthCallback = z.infer<typeof MailboxOAuthCallbackSchema>;

export const MailboxOAuthProvidersSchema = z
  .object({
    gmail: z.boolean().describe('the deployment configured a Google OAuth app'),
    microsoft: z.boolean().describe('the deployment configured a Microsoft Entra app'),
  })
  .describe('which OAuth mailbox kinds can be connected');
export type MailboxOAuthProviders = z.infer<typeof MailboxOAuthProvidersSchema>;
