import { z } from 'zod';

/** How a template includes a snippet: {{> name}}. Letters, digits, _ and -, starting with a letter. */
export const SnippetNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, _ and -, starting with a letter (at most 64)')
  .describe('the name templates use as {{> name}}');

export const SnippetWriteSchema = z
  .object({
    body: z
      .string()
      .max(100_000)
      .describe('Handlebars, rendered in place with the same variables and escaping as the template using it'),
    description: z.string().trim().max(500).optional().describe('what the snippet is for, shown in the list'),
  })
  .describe('a reusable piece of template text of the tenant (a signature, a footer, an offer)');
export type SnippetWrite = z.infer<typeof SnippetWriteSchema>;

export const SnippetViewSchema = z.object({
  name: z.string(),
  body: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SnippetView = z.infer<typeof SnippetViewSchema>;
