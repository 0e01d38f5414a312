import { z } from 'zod';
import { IdSchema } from './common';

export const DealStageSummaryQuerySchema = z
  .object({ pipelineId: IdSchema.describe('pipeline whose stages to sum up') })
  .strict();
export type DealStageSummaryQuery = z.infer<typeof DealStageSummaryQuerySchema>;

/**
 * What a board column heads with whatever part of it is loaded: how many deals the stage
 * holds and what they add up to, per currency (amounts in different currencies never add).
 */
export const DealStageTotalsSchema = z.object({
  stageId: IdSchema,
  count: z.number().int().min(0).describe('deals in the stage the caller may see'),
  totals: z
    .array(z.object({ currency: z.string().describe('ISO-4217 code'), amount: z.number().describe('sum of amounts') }))
    .describe('sum of the amounts per currency, deals without an amount left out'),
});
export type DealStageTotals = z.infer<typeof DealStageTotalsSchema>;

export const DealStageSummarySchema = z.object({
  pipelineId: IdSchema,
  stages: z.array(DealStageTotalsSchema).describe('every stage of the pipeline, in board order'),
});
export type DealStageSummary = z.infer<typeof DealStageSummarySchema>;
