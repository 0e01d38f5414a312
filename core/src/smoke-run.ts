import { z } from 'zod';

/**
 * The smoke run proves the whole chain: API -> Temporal workflow -> activity -> PostgreSQL
 * -> back through the API, with the run visible in Temporal visibility.
 */
export const SmokeRunRequestSchema = z.object({
  message: z.string().trim().min(1).max(500).describe('text the workflow stores; 1-500 characters'),
});
export type SmokeRunRequest = z.infer<typeof SmokeRunRequestSchema>;

export const SmokeRunRecordSchema = z.object({
  workflowId: z.string(),
  tenantId: z.string(),
  message: z.string(),
  recordedAt: z.string().describe('ISO-8601 time the activity wrote the row'),
});
export type SmokeRunRecord = z.infer<typeof SmokeRunRecordSchema>;

export const SmokeRunViewSchema = z.object({
  workflowId: z.string(),
  status: z.string().describe('Temporal execution status, e.g. RUNNING or COMPLETED'),
  searchAttributes: z.record(z.string(), z.unknown()),
  record: SmokeRunRecordSchema.nullable().describe('the row the activity wrote, once written'),
  temporalUiUrl: z.string().describe('deep link to the run in the Temporal Web UI'),
});
export type SmokeRunView = z.infer<typeof SmokeRunViewSchema>;

/** Workflow ids are derived, never random from the caller, so they are safe in URLs. */
export function smokeWorkflowId(tenantId: string, requestId: string): string {
  return `smoke:${tenantId}:${requestId}`;
}
