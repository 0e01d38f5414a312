import path from 'node:path';
import { z } from 'zod';
import {
  AiEnvSchema,
  DatabaseEnvSchema,
  EgressEnvSchema,
  LogEnvSchema,
  MessagingEnvSchema,
  MetricsEnvSchema,
  parseEgressAllowList,
  parseEnv,
  PayloadKeysEnvSchema,
  portVar,
  redisUrlVar,
  requireBothAiPrices,
  RuntimeModeEnvSchema,
  TemporalEnvSchema,
  TracingEnvSchema,
  type ActiveModel,
} from '@cadenza/core';
import { resolveActiveModel } from '@cadenza/services/ai';
import { createEgressGuard, type EgressGuard } from '@cadenza/services/net';
import { keyWrapperFromConfig, type KeyWrapper } from '@cadenza/services/privacy';
import { messagingSettingsFrom, type MessagingSettings } from '@cadenza/services/messaging';
import { LiveConfigSchema } from './live/live-config';
import { AuthEnvSchema, authSettingsFrom, type AuthSettings } from './auth/auth-settings';
import { secretKeyFrom } from '@cadenza/data';
import { appOriginsVar } from './live/app-origins';
import { TrustProxySchema } from './http/trust-proxy';

/** Every variable the API reads, in one tree parsed once at boot. */
export const ApiConfigSchema = z
  .object({
    ...LiveConfigSchema.shape,
    // Session lifetime and sign-in limits (auth/auth-settings.ts); the secret key comes with messaging.
    ...AuthEnvSchema.shape,
    ...TemporalEnvSchema.shape,
    ...DatabaseEnvSchema.shape,
    ...LogEnvSchema.shape,
    ...TracingEnvSchema.shape,
    // A bad allow entry stops the boot; the guard built from it is passed to every outbound call.
    ...EgressEnvSchema.shape,
    // The key-encryption key of Temporal payloads: Cloud KMS, or one derived from CADENZA_SECRET_KEY.
    ...PayloadKeysEnvSchema.shape,
    ...RuntimeModeEnvSchema.shape,
    ...MetricsEnvSchema.shape,
    // Tracking links, mailboxes and inbound email; the worker reads the same fields to send.
    ...MessagingEnvSchema.shape,
    // GET /ai/model answers which provider the worker uses, so the API reads the same fields.
    ...AiEnvSchema.shape,
    PORT: portVar.default(3000).describe('HTTP port of the API and the web app'),
    APP_ORIGINS: appOriginsVar,
    // Required here, unlike the worker's optional throttle Redis: live updates need it.
    REDIS_URL: redisUrlVar,
    TEMPORAL_UI_URL: z
      .string()
      .url()
      .default('http://localhost:8233')
      .describe('Temporal Web UI base URL, for run deep links'),
    WEB_DIST_DIR: z
      .string()
      .default(path.resolve(__dirname, '..', '..', 'web', 'dist'))
      .describe('folder of the built web app the API serves'),
    BODY_LIMIT: z
      .string()
      .default('1mb')
      .describe(
        'largest JSON request body accepted, flow drafts included, in bytes or with a unit; the default 1mb is LIMITS.maxRequestBodyBytes (core/src/limits.ts)',
      ),
    READY_PROBE_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(2000)
      .describe('per-service readiness probe timeout, in milliseconds'),
    TRUST_PROXY: TrustProxySchema,
  })
  .superRefine(requireBothAiPrices);

export type ApiConfig = z.infer<typeof ApiConfigSchema>;

/** The parsed tree plus the settings derived from it, so nothing is derived on first use. */
export type ApiSettings = ApiConfig & {
  messaging: MessagingSettings;
  auth: AuthSettings;
  activeModel: ActiveModel;
  egress: EgressGuard;
  /** Wraps the data keys of Temporal payloads (services/src/privacy). */
  payloadKeyWrapper: KeyWrapper;
};

/**
 * Reads the API's configuration once, at boot, before it listens (so before /ready answers). A bad
 * variable, a missing or weak production CADENZA_SECRET_KEY, or an LLM provider that cannot serve
 * stops the boot with a ConfigError naming the variable.
 */
export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiSettings {
  const config = parseEnv('api', ApiConfigSchema, env);
  const secretKey = secretKeyFrom(config, 'api');
  const egress = createEgressGuard(parseEgressAllowList(config.CADENZA_EGRESS_ALLOW));
  return {
    ...config,
    messaging: messagingSettingsFrom(config),
    auth: authSettingsFrom(config, secretKey),
    activeModel: resolveActiveModel(config),
    egress,
    payloadKeyWrapper: keyWrapperFromConfig(config, { secretKey, egressAllow: egress.allow }, 'api'),
  };
}
