import { z } from 'zod';
import { ENGAGEMENT_METRICS } from '../condition';

/**
 * The contact as a flow run sees it: a plain, serialisable copy taken by an activity, so the
 * workflow can branch, wait and render on it deterministically without reading the database.
 */
export const ContactSnapshotSchema = z
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
export type ContactSnapshot = z.infer<typeof ContactSnapshotSchema>;

// Pure helpers live apart from the schema so workflow code can use them without building it.
export { contactTimezone, readContactField, readPath } from './contact-fields';
