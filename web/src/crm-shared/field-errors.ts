import { apiErrorOf } from '../api/cadenza-api';

/**
 * The per-field messages of an API error (`details.fields: [{ field, message }]`), keyed by
 * the field path without its `body.` prefix, e.g. `customFields.industry`, for showing
 * under the input that caused them.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const details = apiErrorOf(error)?.details as { fields?: Array<{ field: string; message: string }> } | undefined;
  const out: Record<string, string> = {};
  for (const entry of details?.fields ?? []) {
    if (typeof entry?.field === 'string' && typeof entry.message === 'string') {
      out[entry.field.replace(/^body\./, '')] = entry.message;
    }
  }
  return out;
}
