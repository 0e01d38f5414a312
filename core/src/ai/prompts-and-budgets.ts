import { z } from 'zod';

/** A prompt's name within a tenant: what a node refers to. */
export const PromptNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/,
    'must be 1-64 lowercase letters, digits, - or _, starting with a letter or digit',
  )
  .describe('prompt name, e.g. "welcome-email"');

/** A node's choice of a tenant prompt: a pinned version, or the latest one when the step runs. */
export const PromptRefSchema = z.object({
  name: PromptNameSchema,
  version: z.number().int().positive().optional().describe('pinned version; omitted means the latest'),
});
export type PromptRef = z.infer<typeof PromptRefSchema>;

/** POST /ai/prompts/:name/versions: every edit is a new version; old ones stay as they were. */
export const PromptVersionCreateSchema = z.object({
  system: z.string().max(8000).optional().describe('system instructions'),
  template: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(16_000)
    .describe('prompt text; may use {{contact.<field>}} placeholders'),
  notes: z.string().max(500).optional().describe('what changed in this version'),
});
export type PromptVersionCreate = z.infer<typeof PromptVersionCreateSchema>;

export const PromptVersionSchema = z.object({
  name: PromptNameSchema,
  version: z.number().int().positive(),
  system: z.string().nullable(),
  template: z.string(),
  notes: z.string().nullable(),
  createdBy: z.object({ kind: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
});
export type PromptVersion = z.infer<typeof PromptVersionSchema>;

/** The version label a step records for a tenant prompt. */
export const promptVersionLabel = (name: string, version: number) => `${name}@v${version}`;

/**
 * PUT /ai/budget: the tenant's daily caps (UTC days), in tokens and in US dollars; 0 stops every AI step.
 * A field left out keeps its cap; null removes it.
 */
export const TokenBudgetUpdateSchema = z
  .object({
    dailyTokens: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .nullable()
      .optional()
      .describe('tokens (prompt + generated) per UTC day; null removes the cap; omitted keeps it'),
    dailyCostUsd: z
      .number()
      .min(0)
      .max(1_000_000)
      .nullable()
      .optional()
      .describe(
        'US dollars of model usage per UTC day (micro-dollar precision); null removes the cap; omitted keeps it',
      ),
  })
  .refine((update) => update.dailyTokens !== undefined || update.dailyCostUsd !== undefined, {
    message: 'give dailyTokens, dailyCostUsd or both',
    path: ['dailyTokens'],
  });
export type TokenBudgetUpdate = z.infer<typeof TokenBudgetUpdateSchema>;

export const TokenBudgetSchema = z.object({
  dailyTokens: z.number().int().nullable().describe('the token cap; null when there is none'),
  usedToday: z.number().int().describe('tokens used so far this UTC day'),
  callsToday: z.number().int().describe('model calls so far this UTC day'),
  dailyCostUsd: z.number().nullable().describe('the cost cap in US dollars; null when there is none'),
  costTodayUsd: z.number().describe('US dollars spent on model calls so far this UTC day (the local model is free)'),
});
export type TokenBudget = z.infer<typeof TokenBudgetSchema>;
