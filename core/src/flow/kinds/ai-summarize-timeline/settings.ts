import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { ContactFieldSchema } from '../../primitives';
import { PromptRefSchema } from '../../../ai/prompts-and-budgets';

export const AiSummarizeTimelineSchema = nodeSchemaOf(
  'ai_summarize_timeline',
  z.object({
    entries: z.number().int().min(1).max(100).default(20).describe('How many of the latest timeline entries to read'),
    maxTokens: z.number().int().min(16).max(2000).default(120).describe('Upper bound on the summary length'),
    promptRef: PromptRefSchema.optional().describe('A tenant prompt to use instead of the built-in one'),
    // Later steps read the summary as {{steps.<nodeId>.text}}.
    saveToField: ContactFieldSchema.optional().describe('Contact field to store the summary in (e.g. a rep note)'),
  }),
);
