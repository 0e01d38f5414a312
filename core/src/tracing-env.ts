import { z } from 'zod';

/** OpenTelemetry tracing settings of the API and the worker (the standard OTel variable names). */
export const TracingEnvSchema = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url()
    .optional()
    .describe('OTLP/HTTP collector base URL (traces go to <url>/v1/traces); unset turns tracing off'),
  OTEL_SERVICE_NAME: z
    .string()
    .optional()
    .describe('service.name on exported spans; defaults to cadenza-api or cadenza-worker'),
});

export type TracingEnv = z.infer<typeof TracingEnvSchema>;
