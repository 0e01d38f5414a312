import { z } from 'zod';
import { ENGAGEMENT_METRICS } from '../condition';

/**
 * The contact as a flow run sees it: a plain, serialisable copy taken by an activity, so the
 * workflow can branch, wait and render on it deterministically without reading the database.
 */
export const contactSnapshotSchema = z
  .object({
    id: z.string().min(1).describe('Contact id'),
    fields: z
      .record(z.string(), z.unknown())
      .describe(
        'Contact fields by name: standard ones (email, firstName, lifecycleStage, timezone, tags as a list of ' +
          'texts, score...) at the top level, custom fields under "custom"',
      ),
    engagement: z
      .partialRecord(z.enum(ENGAGEMENT_METRICS), z.union([z.number(), z.string()]))
      .describe('Engagement statistics: counts as numbers, last_*_at as ISO date-times'),
    score: z.number().nullable().describe('Lead score, null when the contact was never scored'),
  })
  .describe("A snapshot of a contact's data used by a flow run");
export type ContactSnapshot = z.infer<typeof contactSnapshotSchema>;

/**
 * The value at a dotted field path such as "lifecycleStage" or "custom.industry", or
 * undefined when any part is missing. Only own properties count, so a path like
 * "constructor" cannot reach into the object prototype.
 */
export function readContactField(snapshot: ContactSnapshot, path: string): unknown {
  return readPath(snapshot.fields, path.split('.'));
}

/** Walks own properties of plain objects; shared with template rendering of step outputs. */
export function readPath(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, segment)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The contact's own timezone field when it holds text; validity is the caller's concern. */
export function contactTimezone(snapshot: ContactSnapshot): string | null {
  const value = snapshot.fields.timezone;
  return typeof value === 'string' && value !== '' ? value : null;
}
