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

export const workerConfigSchema = z.object({
  ...temporalConnectionEnvSchema.shape,
  ...tracingEnvSchema.shape,
  ...runtimeModeEnvSchema.shape,
  ...metricsEnvSchema.shape,
  // Validated here so a bad allow entry stops the boot; the guard reads it where connections are made.
  ...egressEnvSchema.shape,
  DATABASE_URL: z.string().url().describe('PostgreSQL connection URL the activities write to'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233').describe('Temporal frontend host:port (gRPC)'),
  TEMPORAL_NAMESPACE: z.string().default('default').describe('Temporal namespace the worker polls'),
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE).describe('task queue for flow workflows and activities'),
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10)
    .describe('seconds running activities get to finish on shutdown, in seconds'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('lowest level of the JSON log lines written to stdout'),
  WORKER_METRICS_PORT: portVar
    .default(9464)
    .describe(
      'port of the worker /metrics endpoint (activity latencies plus Temporal SDK metrics, METRICS_TOKEN in production) and its /health and /ready probes',
    ),
  WORKER_SDK_METRICS_PORT: portVar
    .default(9465)
    .describe('loopback port the Temporal SDK Prometheus exporter binds; /metrics on WORKER_METRICS_PORT includes it'),
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export const loadWorkerConfig = (env = process.env): WorkerConfig => parseEnv('worker', workerConfigSchema, env);
