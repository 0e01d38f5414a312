import { z } from 'zod';

/** How an inbound reply to a sequence email reads; drives a branch of the flow. */
export const ReplyLabelSchema = z.enum([
  'interested',
  'not_now',
  'not_interested',
  'unsubscribe',
  'out_of_office',
  'wrong_person',
]);
export type ReplyLabel = z.infer<typeof ReplyLabelSchema>;

export const ReplyClassificationSchema = z.object({
  label: ReplyLabelSchema.describe('What the reply means for the sequence'),
});
export type ReplyClassification = z.infer<typeof ReplyClassificationSchema>;

/** A model's judgement of a lead against written criteria. */
export const AiLeadScoreSchema = z.object({
  score: z.number().int().min(0).max(100).describe('Fit with the criteria, 0 (none) to 100 (perfect)'),
  explanation: z.string().min(1).max(200).describe('Why, in one or two sentences'),
});
export type AiLeadScore = z.infer<typeof AiLeadScoreSchema>;

/** What an LLM step records on its step result, so cost and quality can be audited per run. */
export const LlmUsageSchema = z.object({
  provider: z.string().describe('Provider that answered'),
  model: z.string().describe('Model id'),
  promptVersion: z.string().describe('Version of the prompt template (hash of its text)'),
  inputTokens: z.number().int().min(0).describe('Prompt tokens'),
  outputTokens: z.number().int().min(0).describe('Generated tokens'),
  latencyMs: z.number().min(0).describe('Wall time of the model call, in milliseconds'),
});
export type LlmUsage = z.infer<typeof LlmUsageSchema>;
