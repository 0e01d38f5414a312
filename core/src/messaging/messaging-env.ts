import { z } from 'zod';
import { redisUrlVar } from '../config/redis-env';
import { portVar } from '../env-config';
import { SecretKeyEnvSchema } from '../config/secret-key-env';
import { MailOAuthEnvSchema } from './mail-oauth-env';

/**
 * Environment of the communication hub. Part of both process trees: the worker sends, the API
 * tracks links, opens mailboxes and takes inbound email; each parses it once at boot.
 */
export const MessagingEnvSchema = z.object({
  ...SecretKeyEnvSchema.shape,
  // Gmail and Microsoft 365 mailboxes: the OAuth apps and API endpoints.
  ...MailOAuthEnvSchema.shape,
  PUBLIC_BASE_URL: z
    .url()
    .default('http://localhost:3000')
    .describe('public address of the API, used in tracking links and unsubscribe URLs'),
  SMTP_SINK_HOST: z.string().default('127.0.0.1').describe('host of the built-in SMTP sink (development default)'),
  SMTP_SINK_PORT: portVar.default(2525).describe('port of the built-in SMTP sink'),
  SENDGRID_BASE_URL: z
    .url()
    .default('https://api.sendgrid.com')
    .describe('SendGrid API base URL (tests: a local server)'),
  TWILIO_BASE_URL: z.url().default('https://api.twilio.com').describe('Twilio API base URL (tests: a local server)'),
  TWILIO_ACCOUNT_SID: z.string().optional().describe('Twilio account SID; SMS go to the outbox without it'),
  TWILIO_AUTH_TOKEN: z.string().optional().describe('Twilio auth token'),
  TWILIO_FROM: z.string().optional().describe('Twilio sender number (E.164) or messaging service SID'),
  SLACK_WEBHOOK_URL: z.url().optional().describe('Slack incoming webhook; Slack notes go to the outbox without it'),
  SINK_DAILY_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .default(100_000)
    .describe('messages per UTC day the built-in sink accepts before sends wait (throttled like a mailbox)'),
  SINK_PER_MINUTE_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .default(6_000)
    .describe('messages in any 60 seconds the built-in sink accepts before sends wait'),
  REDIS_URL: redisUrlVar.optional().describe('Redis for the per-mailbox throttle shared by every worker'),
  INBOUND_WEBHOOK_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe(
      'shared secret of the SendGrid Inbound Parse webhook (basic-auth password or ?token=); the webhook refuses every call without it',
    ),
});

export type MessagingEnv = z.infer<typeof MessagingEnvSchema>;
