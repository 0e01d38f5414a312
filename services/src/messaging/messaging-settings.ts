import { MessagingEnvSchema, parseEnv, type MessagingEnv, type SendLimits } from '@cadenza/core';
import { secretKeyFrom } from '@cadenza/data';
import { trackingSecretFrom } from './tracking-token';
import { mailOAuthSettingsFrom, type MailOAuthSettings } from './mail-oauth/oauth-settings';

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
  /** The Google and Microsoft OAuth apps (null: that kind cannot be connected) and their API addresses. */
  mailOAuth: MailOAuthSettings;
}

/**
 * The messaging settings of an already parsed process config (the API's and the worker's trees
 * both hold MessagingEnvSchema). Throws a ConfigError naming CADENZA_SECRET_KEY when the key is
 * missing in production or weak, so the process stops at boot instead of at the first send.
 */
export function messagingSettingsFrom(parsed: MessagingEnv): MessagingSettings {
  // Without it the worker cannot open the mailbox secrets the API sealed, nor sign tracking links.
  const secretKey = secretKeyFrom(parsed, 'messaging');
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
    mailOAuth: mailOAuthSettingsFrom(parsed),
  };
}

/** Messaging settings from an environment alone: tests, and callers given no parsed process config. */
export const loadMessagingSettings = (env: Record<string, string | undefined> = process.env): MessagingSettings =>
  messagingSettingsFrom(parseEnv('messaging', MessagingEnvSchema, env));
