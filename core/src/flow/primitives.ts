import { z } from 'zod';

/**
 * Small schemas shared by node kinds and flow settings. Kept in one place so "a duration"
 * or "a contact field name" means the same thing in every node's property panel.
 */

/** Node ids appear in template paths ({{steps.<id>.text}}) and workflow search attributes, so no spaces or dots. */
export const NodeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"')
  .describe('Stable node id, unique within the flow');

/** A contact field path such as `lifecycleStage` or `custom.industry`. */
export const ContactFieldSchema = z
  .string()
  .regex(/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/, 'must be a field name such as "lifecycleStage" or "custom.industry"');

/** Validated with Intl rather than a list so it tracks the runtime's tz database. */
export const TimezoneSchema = z
  .string()
  .refine(isTimezone, 'must be an IANA timezone such as "Europe/Paris"')
  .describe('IANA timezone, e.g. "America/New_York"');

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;

/** Durations are amount + unit (not milliseconds) so the designer shows what the marketer typed. */
export const DurationSchema = z.object({
  amount: z.number().int().positive().describe('How many units'),
  unit: z.enum(DURATION_UNITS).describe('Unit of the amount'),
});
export type Duration = z.infer<typeof DurationSchema>;

/** Text that may contain {{contact.field}} placeholders; required text must not be blank. */
export function templateText(description: string) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .describe(`${description}. May use {{contact.<field>}} placeholders`);
}
