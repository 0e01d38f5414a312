import type { NodeSettings } from '../node-kinds';
import { addDuration, addLocalDays, moveOffWeekend } from './business-days';
import type { ContactSnapshot } from './contact-snapshot';
import { readContactField } from './contact-fields';
import { toDate } from './to-date';

export type WaitSettings = NodeSettings['wait'];

/**
 * When a wait node should wake the run. `timezone` (the flow's, 'UTC' when omitted) decides
 * what a day and a weekend are. A moment already past wakes now. A field that is missing or
 * not a date is returned as an error for the engine to record, not thrown: it is bad contact
 * data, not a bug. With businessDaysOnly a wake-up on a weekend moves to Monday. The sending
 * window is applied separately, by the steps that send.
 */
export function waitWakeTime(
  settings: WaitSettings,
  now: Date,
  contact: ContactSnapshot,
  timezone?: string,
): Date | { error: string } {
  const timeZone = timezone ?? 'UTC';
  const { businessDaysOnly } = settings;
  switch (settings.mode) {
    case 'duration':
      return addDuration(now, settings.duration, { businessDaysOnly, timezone: timeZone });
    case 'until_date':
      return finish(new Date(settings.date), now, businessDaysOnly, timeZone);
    case 'until_field': {
      const value = readContactField(contact, settings.field);
      if (value === undefined || value === null || value === '') {
        return { error: `Contact field "${settings.field}" is not set, so the wait has no date to wait for` };
      }
      const date = toDate(value, timeZone);
      if (!date) return { error: `Contact field "${settings.field}" is not a date: ${JSON.stringify(value)}` };
      const target = settings.offsetDays === 0 ? date : addLocalDays(date, settings.offsetDays, timeZone);
      return finish(target, now, businessDaysOnly, timeZone);
    }
  }
}

function finish(target: Date, now: Date, businessDaysOnly: boolean, timeZone: string): Date {
  const wake = target.getTime() < now.getTime() ? now : target;
  return businessDaysOnly ? moveOffWeekend(wake, timeZone) : wake;
}
