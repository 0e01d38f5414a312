import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { ContactFieldSchema, templateText } from '../../primitives';
import { PromptRefSchema } from '../../../ai/prompts-and-budgets';

export const LlmGenerateSchema = nodeSchemaOf(
  'llm_generate',
  z.object({
    prompt: templateText('Prompt'),
    system: z.string().optional().describe('System instructions'),
    model: z.string().min(1).optional().describe("Model id; omitted means the tenant's default"),
    maxTokens: z.number().int().min(1).max(32_000).default(1024).describe('Upper bound on the reply length'),
    // Later steps read the text as {{steps.<nodeId>.text}}; saving to a field is opt-in.
    saveToField: ContactFieldSchema.optional().describe('Contact field to store the generated text in'),
    promptRef: PromptRefSchema.optional().describe(
      'A tenant prompt (pinned version or latest) used instead of the prompt and system text above',
    ),
  }),
);
