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
  requireBothAiPrices,
  RuntimeModeEnvSchema,
  TemporalEnvSchema,
  TracingEnvSchema,
  type ActiveModel,
} from '@cadenza/core';
import { resolveActiveModel, resolveEmbeddingModel, type EmbeddingChoice } from '@cadenza/services/ai';
import { createEgressGuard, type EgressGuard } from '@cadenza/services/net';
import { keyWrapperFromConfig, type KeyWrapper } from '@cadenza/services/privacy';
import { messagingSettingsFrom, type MessagingSettings } from '@cadenza/services/messaging';

/** Every variable the worker reads, in one tree parsed once at boot (main.ts). */
export const WorkerConfigSchema = z
  .object({
    ...TemporalEnvSchema.shape,
    ...DatabaseEnvSchema.shape,
    ...LogEnvSchema.shape,
    ...TracingEnvSchema.shape,
    ...RuntimeModeEnvSchema.shape,
    ...MetricsEnvSchema.shape,
    ...EgressEnvSchema.shape,
    // The key-encryption key of Temporal payloads: Cloud KMS, or one derived from CADENZA_SECRET_KEY.
    ...PayloadKeysEnvSchema.shape,
    ...MessagingEnvSchema.shape,
    ...AiEnvSchema.shape,
    WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .default(10)
      .describe('seconds running activities get to finish on shutdown, in seconds'),
    WORKER_METRICS_PORT: portVar
      .default(9464)
      .describe(
        'port of the worker /metrics endpoint (activity latencies plus Temporal SDK metrics, METRICS_TOKEN in production) and its /health and /ready probes',
      ),
    WORKER_SDK_METRICS_PORT: portVar
      .default(9465)
      .describe(
        'loopback port the Temporal SDK Prometheus exporter binds; /metrics on WORKER_METRICS_PORT includes it',
      ),
  })
  .superRefine(requireBothAiPrices);

export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;

/** The parsed tree plus the settings derived from it, so nothing is derived on first use. */
export type WorkerSettings = WorkerConfig & {
  messaging: MessagingSettings;
  activeModel: ActiveModel;
  /** Who computes sentence embeddings (local MiniLM or OpenAI), decided here so a bad choice stops the boot. */
  embeddingModel: EmbeddingChoice;
  egress: EgressGuard;
  /** Wraps the data keys of Temporal payloads (services/src/privacy). */
  payloadKeyWrapper: KeyWrapper;
};

/**
 * Reads the worker's configuration once, at boot, before /ready can answer. A bad variable, a
 * missing or weak production CADENZA_SECRET_KEY, or an LLM provider that cannot serve stops the
 * boot with a ConfigError naming the variable, instead of failing the first step that uses it.
 */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerSettings {
  const config = parseEnv('worker', WorkerConfigSchema, env);
  const messaging = messagingSettingsFrom(config);
  const egress = createEgressGuard(parseEgressAllowList(config.CADENZA_EGRESS_ALLOW));
  return {
    ...config,
    messaging,
    activeModel: resolveActiveModel(config),
    embeddingModel: resolveEmbeddingModel(config),
    egress,
    payloadKeyWrapper: keyWrapperFromConfig(
      config,
      { secretKey: messaging.secretKey, egressAllow: egress.allow },
      'worker',
    ),
  };
}
