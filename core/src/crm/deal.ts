import { z } from 'zod';
import { IdSchema, UserIdSchema } from './common';

const DealFields = {
  name: z.string().trim().min(1).max(200).describe('deal name'),
  amount: z.number().min(0).max(1e13).nullable().describe('deal value in `currency`'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expects an ISO-4217 code such as EUR')
    .describe('ISO-4217 currency code'),
  pipelineId: IdSchema.describe('pipeline the deal moves through'),
  stageId: IdSchema.describe('current stage; must belong to the pipeline'),
  contactId: IdSchema.nullable().describe('main contact'),
  companyId: IdSchema.nullable().describe('company'),
  ownerId: UserIdSchema.nullable().describe('user who owns the deal'),
  closeDate: z.iso.date().nullable().describe('expected or actual close date (YYYY-MM-DD)'),
};

export const DealCreateSchema = z
  .object(DealFields)
  .partial()
  .required({ name: true, pipelineId: true, stageId: true })
  .strict();
export type DealCreate = z.infer<typeof DealCreateSchema>;

/** Stage moves go through the stage endpoint, so they always leave a timeline entry. */
export const DealUpdateSchema = z.object(DealFields).omit({ pipelineId: true, stageId: true }).partial().strict();
export type DealUpdate = z.infer<typeof DealUpdateSchema>;

export const DealStageChangeSchema = z
  .object({
    stageId: IdSchema.describe('stage to move to'),
    pipelineId: IdSchema.optional().describe('new pipeline, when the deal moves to another one'),
  })
  .strict();
export type DealStageChange = z.infer<typeof DealStageChangeSchema>;

export const DealSchema = z.object({
  id: IdSchema,
  name: z.string(),
  amount: z.number().nullable(),
  currency: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  ownerId: z.string().nullable(),
  closeDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Deal = z.infer<typeof DealSchema>;
