import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../run-search-attributes';
import { TemporalConnectionEnvSchema } from '../temporal-connection-env';

/**
 * Where the Temporal cluster is, how to reach it securely, and which namespace and task queue
 * flow runs use. The API starts runs and the worker polls them, so both read these same fields.
 */
export const TemporalEnvSchema = z.object({
  ...TemporalConnectionEnvSchema.shape,
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233').describe('Temporal frontend host:port (gRPC)'),
  TEMPORAL_NAMESPACE: z.string().default('default').describe('Temporal namespace flow runs live in'),
  TEMPORAL_TASK_QUEUE: z
    .string()
    .default(DEFAULT_TASK_QUEUE)
    .describe('task queue of flow workflows and activities: the API starts runs on it, workers poll it'),
});
