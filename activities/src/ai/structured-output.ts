import { z } from 'zod';

/** The JSON schema a grammar or `response_format` constrains the reply to. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

export type ParsedOutput<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses a model reply as JSON (vendors sometimes wrap it in a ``` fence) and validates it with zod. */
export function parseStructuredOutput<S extends z.ZodType>(schema: S, text: string): ParsedOutput<z.infer<S>> {
  const unfenced = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let json: unknown;
  try {
    json = JSON.parse(unfenced);
  } catch {
    return { ok: false, problem: 'the reply is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
    };
  return { ok: true, value: parsed.data };
}

/** Every attempt gave an invalid reply; the raw texts are kept for the run's step result. */
export class StructuredOutputError extends Error {
  constructor(
    readonly problems: string[],
    readonly rawReplies: string[],
  ) {
    super(`the model gave no valid structured output in ${rawReplies.length} attempts: ${problems.at(-1)}`);
    this.name = 'StructuredOutputError';
  }
}
