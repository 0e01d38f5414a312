import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_TASK_QUEUE,
  egressEnvSchema,
  metricsEnvSchema,
  parseEnv,
  portVar,
  runtimeModeEnvSchema,
  temporalConnectionEnvSchema,
  tracingEnvSchema,
} from '@cadenza/core';
import { messagingEnvSchema } from '@cadenza/activities/messaging';
import { liveConfigSchema } from './live/live-config';
import { appOriginsVar } from './live/app-origins';
import { trustProxySchema } from './http/trust-proxy';

export const apiConfigSchema = z.object({
  ...liveConfigSchema.shape,
  ...temporalConnectionEnvSchema.shape,
  ...tracingEnvSchema.shape,
  // Validated here so a bad allow entry stops the boot; the guard reads it where connections are made.
  ...egressEnvSchema.shape,
  ...runtimeModeEnvSchema.shape,
  ...metricsEnvSchema.shape,
  PORT: portVar.default(3000).describe('HTTP port of the API and the web app'),
  PUBLIC_BASE_URL: messagingEnvSchema.shape.PUBLIC_BASE_URL,
  APP_ORIGINS: appOriginsVar,
  DATABASE_URL: z.string().url().describe('PostgreSQL connection URL'),
  REDIS_URL: z.string().url().describe('Redis connection URL, e.g. redis://127.0.0.1:6379'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233').describe('Temporal frontend host:port (gRPC)'),
  TEMPORAL_NAMESPACE: z.string().default('default').describe('Temporal namespace runs start in'),
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE).describe('task queue the workers poll'),
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
  TRUST_PROXY: trustProxySchema,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('lowest level of the JSON log lines written to stdout'),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const loadApiConfig = (env = process.env): ApiConfig => parseEnv('api', apiConfigSchema, env);
