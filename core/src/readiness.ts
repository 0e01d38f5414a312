import { z } from 'zod';

export const SERVICE_NAMES = ['temporal', 'postgres', 'redis'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const ServiceCheckSchema = z.object({
  ok: z.boolean().describe('whether the service answered its probe in time'),
  latencyMs: z.number().describe('probe round trip in milliseconds'),
  error: z.string().optional().describe('why the probe failed'),
});
export type ServiceCheck = z.infer<typeof ServiceCheckSchema>;

export const ReadinessReportSchema = z.object({
  status: z.enum(['ready', 'degraded']).describe('ready when every service is up'),
  services: z.record(z.enum(SERVICE_NAMES), ServiceCheckSchema),
});
export type ReadinessReport = z.infer<typeof ReadinessReportSchema>;

/** Folds per-service checks into one report; any failed service makes it degraded. */
export function summarizeReadiness(services: Record<ServiceName, ServiceCheck>): ReadinessReport {
  const allOk = SERVICE_NAMES.every((name) => services[name].ok);
  return { status: allOk ? 'ready' : 'degraded', services };
}
