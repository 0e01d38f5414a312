import type { z } from 'zod';
import { UserError } from '@cadenza/core';

/** Parses input with a core schema; a failure is a 400 naming each bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: [where, ...issue.path].join('.'),
    message: issue.message,
  }));
  throw new UserError(
    'validation_failed',
    `invalid ${where}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    { fields },
  );
}
