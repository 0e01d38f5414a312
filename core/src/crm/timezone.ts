import { z } from 'zod';

/** True for a time zone the runtime's IANA database knows, e.g. "Europe/Paris" or "UTC". */
export function isIanaTimeZone(value: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, 'is not an IANA time zone, e.g. Europe/Paris')
  .describe('IANA time zone, e.g. Europe/Paris');
