import { z } from 'zod';
import { IdSchema } from './common';

const StageFields = {
  name: z.string().trim().min(1).max(100).describe('stage name, e.g. Qualified'),
  probability: z.number().int().min(0).max(100).nullable().describe('win probability in percent'),
};

export const StageCreateSchema = z
  .object({
    ...StageFields,
    position: z.number().int().min(0).optional().describe('0-based place in the pipeline; default last'),
  })
  .partial({ probability: true })
  .strict();
export type StageCreate = z.infer<typeof StageCreateSchema>;

export const StageUpdateSchema = z
  .object({ ...StageFields, position: z.number().int().min(0).describe('0-based place in the pipeline') })
  .partial()
  .strict();
export type StageUpdate = z.infer<typeof StageUpdateSchema>;

export const StageSchema = z.object({
  id: IdSchema,
  pipelineId: IdSchema,
  name: z.string(),
  probability: z.number().nullable(),
  position: z.number().int().describe('0-based place in the pipeline'),
});
export type Stage = z.infer<typeof StageSchema>;

export const PipelineCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(100).describe('pipeline name'),
    stages: z
      .array(StageCreateSchema.omit({ position: true }))
      .min(1)
      .max(50)
      .describe('stages in order'),
  })
  .strict();
export type PipelineCreate = z.infer<typeof PipelineCreateSchema>;

export const PipelineUpdateSchema = PipelineCreateSchema.pick({ name: true }).strict();
export type PipelineUpdate = z.infer<typeof PipelineUpdateSchema>;

export const PipelineSchema = z.object({
  id: IdSchema,
  name: z.string(),
  stages: z.array(StageSchema).describe('stages in order'),
  createdAt: z.string(),
});
export type Pipeline = z.infer<typeof PipelineSchema>;
