import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { templateText } from '../../primitives';
import { PromptRefSchema } from '../../../ai/prompts-and-budgets';

export const ExtractedFieldSchema = z.object({
  name: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'must be a letter then up to 39 letters, digits or _')
    .describe('Key of the value; also the custom field it is saved to'),
  type: z.enum(['string', 'number', 'boolean']).default('string').describe('Type of the value'),
  description: z.string().max(200).optional().describe('What the value is, for the model'),
});

export const AiExtractFieldsSchema = nodeSchemaOf(
  'ai_extract_fields',
  z.object({
    source: templateText('Free text to read, e.g. {{steps.reply.event.text}}'),
    fields: z
      .array(ExtractedFieldSchema)
      .min(1, 'must name at least one value')
      .max(20)
      .refine((fields) => new Set(fields.map((field) => field.name)).size === fields.length, 'names must be unique')
      .describe('The values to extract; each is null when the text does not say'),
    maxTokens: z.number().int().min(16).max(2000).default(200).describe('Upper bound on the reply length'),
    promptRef: PromptRefSchema.optional().describe('A tenant prompt to use instead of the built-in one'),
    saveToCustomFields: z
      .boolean()
      .default(false)
      .describe('Store each value found in custom.<name> on the contact (the custom fields must exist)'),
  }),
);
