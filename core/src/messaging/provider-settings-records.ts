import { z } from 'zod';

/** SMS and Slack providers a tenant can configure; without one, the environment's, else the outbox. */
export const MESSAGING_PROVIDER_KINDS = ['twilio', 'slack'] as const;
export const MessagingProviderKindSchema = z.enum(MESSAGING_PROVIDER_KINDS).describe('twilio (SMS) or slack');
export type MessagingProviderKind = z.infer<typeof MessagingProviderKindSchema>;

export const TwilioSettingsWriteSchema = z
  .object({
    accountSid: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID: AC followed by 32 hexadecimal digits')
      .describe('Twilio account SID'),
    authToken: z.string().min(1).max(200).describe('Twilio auth token; stored encrypted, never returned'),
    from: z
      .string()
      .regex(
        /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/,
        'an E.164 number such as +15550001111, or a messaging service SID (MG...)',
      )
      .describe('sender: an E.164 number or a messaging service SID'),
  })
  .describe('the Twilio account SMS steps send through');
export type TwilioSettingsWrite = z.infer<typeof TwilioSettingsWriteSchema>;

export const SlackSettingsWriteSchema = z
  .object({
    webhookUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('Slack incoming webhook URL; it grants posting, so it is stored encrypted and never returned'),
  })
  .describe('the Slack incoming webhook Slack steps post to');
export type SlackSettingsWrite = z.infer<typeof SlackSettingsWriteSchema>;

const fallback = z
  .enum(['tenant', 'environment', 'outbox'])
  .describe('where sends go now: this workspace settings, the server environment, or the outbox');

export const MessagingProvidersViewSchema = z
  .object({
    twilio: z
      .object({ accountSid: z.string(), from: z.string(), hasAuthToken: z.literal(true), updatedAt: z.string() })
      .nullable()
      .describe('the workspace Twilio account, without its token; null when not set'),
    slack: z
      .object({ hasWebhookUrl: z.literal(true), updatedAt: z.string() })
      .nullable()
      .describe('whether the workspace has a Slack webhook (its URL is never returned); null when not set'),
    sendsTo: z.object({ sms: fallback, slack: fallback }),
  })
  .describe('the SMS and Slack providers of the workspace');
export type MessagingProvidersView = z.infer<typeof MessagingProvidersViewSchema>;
