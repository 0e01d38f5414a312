import { z } from 'zod';

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
