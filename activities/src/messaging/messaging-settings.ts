import { z } from 'zod';
import { ConfigError, nodeEnvVar, parseEnv } from '@cadenza/core';
import { readSecretKey } from '../data/auth/secret-key-policy';
import type { SendLimits } from './send-throttle';
import { trackingSecretFrom } from './tracking-token';

/** Environment of the communication hub, read by the worker (sending) and the API (tracking, mailboxes). */
export const messagingEnvSchema = z.object({
  NODE_ENV: nodeEnvVar,
  CADENZA_SECRET_KEY: z
    .string()
    .optional()
    .describe(
      '32-byte key (64 hex characters or base64) that seals mailbox secrets and signs tracking links; required in production',
    ),
  PUBLIC_BASE_URL: z
    .url()
    .default('http://localhost:3000')
    .describe('public address of the API, used in tracking links and unsubscribe URLs'),
  SMTP_SINK_HOST: z.string().default('127.0.0.1').describe('host of the built-in SMTP sink (development default)'),
  SMTP_SINK_PORT: z.coerce.number().int().min(1).max(65_535).default(2525).describe('port of the built-in SMTP sink'),
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
  REDIS_URL: z.string().optional().describe('Redis for the per-mailbox throttle shared by every worker'),
  INBOUND_WEBHOOK_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe(
      'shared secret of the SendGrid Inbound Parse webhook (basic-auth password or ?token=); the webhook refuses every call without it',
    ),
});

export interface MessagingSettings {
  /** Seals mailbox secrets; null in development without a key (mailboxes with secrets are then refused). */
  secretKey: Buffer | null;
  /** Signs tracking links; null turns tracking off (no key configured). */
  trackingSecret: Buffer | null;
  publicBaseUrl: string;
  sink: { host: string; port: number; limits: SendLimits };
  sendgridBaseUrl: string;
  /** Where Twilio calls go, for the environment's account and tenants' own alike. */
  twilioBaseUrl: string;
  /** The environment's Twilio account, used by tenants that configured none. */
  twilio: { baseUrl: string; accountSid: string; authToken: string; from: string } | null;
  slackWebhookUrl: string | null;
  redisUrl: string | null;
  /** Authenticates inbound-email webhooks; null keeps the webhook closed. */
  inboundWebhookSecret: string | null;
}

export function loadMessagingSettings(env: Record<string, string | undefined> = process.env): MessagingSettings {
  const parsed = parseEnv('messaging', messagingEnvSchema, env);
  const production = parsed.NODE_ENV === 'production';
  let secretKey: Buffer | null = null;
  if (parsed.CADENZA_SECRET_KEY) {
    try {
      secretKey = readSecretKey(parsed.CADENZA_SECRET_KEY, { production });
    } catch (error) {
      throw new ConfigError('messaging', [`CADENZA_SECRET_KEY: ${(error as Error).message}`]);
    }
  } else if (production) {
    // Without it the worker cannot open the mailbox secrets the API sealed, nor sign tracking links.
    throw new ConfigError('messaging', [
      'CADENZA_SECRET_KEY: required when NODE_ENV=production (the same 32-byte key as the API, e.g. `openssl rand -hex 32`)',
    ]);
  }
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token, TWILIO_FROM: from } = parsed;
  return {
    secretKey,
    trackingSecret: secretKey ? trackingSecretFrom(secretKey) : null,
    publicBaseUrl: parsed.PUBLIC_BASE_URL,
    sink: {
      host: parsed.SMTP_SINK_HOST,
      port: parsed.SMTP_SINK_PORT,
      limits: { daily: parsed.SINK_DAILY_LIMIT, perMinute: parsed.SINK_PER_MINUTE_LIMIT },
    },
    sendgridBaseUrl: parsed.SENDGRID_BASE_URL,
    twilioBaseUrl: parsed.TWILIO_BASE_URL,
    twilio: sid && token && from ? { baseUrl: parsed.TWILIO_BASE_URL, accountSid: sid, authToken: token, from } : null,
    slackWebhookUrl: parsed.SLACK_WEBHOOK_URL ?? null,
    redisUrl: parsed.REDIS_URL ?? null,
    inboundWebhookSecret: parsed.INBOUND_WEBHOOK_SECRET ?? null,
  };
}
