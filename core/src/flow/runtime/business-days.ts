import type { Duration } from '../primitives';
import { addCalendarDays, zonedParts, zonedTimeToUtc } from './zoned-time';

export type AddDurationOptions = {
  /** Count days and weeks on Monday-Friday only, and move a weekend result to Monday. */
  businessDaysOnly: boolean;
  /** Zone whose calendar decides days and weekends; 'UTC' when omitted. */
  timezone?: string;
};

const MINUTE_MS = 60_000;
const SATURDAY = 6;
const BUSINESS_DAYS_PER_WEEK = 5;

/**
 * `at` plus a duration. Minutes and hours are elapsed time. Days and weeks are calendar
 * steps that keep the local time of day ("wait 1 day" after a 09:00 send wakes at 09:00
 * even across a DST change); a local time the change skips moves forward to the first
 * instant that exists. With businessDaysOnly a week is 5 business days, days skip Saturday
 * and Sunday (Friday + 1 = Monday), and any result on a weekend moves to Monday.
 */
export function addDuration(at: Date, duration: Duration, options: AddDurationOptions): Date {
  const timeZone = options.timezone ?? 'UTC';
  let result: Date;
  switch (duration.unit) {
    case 'minutes':
      result = new Date(at.getTime() + duration.amount * MINUTE_MS);
      break;
    case 'hours':
      result = new Date(at.getTime() + duration.amount * 60 * MINUTE_MS);
      break;
    case 'days':
      result = options.businessDaysOnly
        ? addBusinessDays(at, duration.amount, timeZone)
        : addLocalDays(at, duration.amount, timeZone);
      break;
    case 'weeks':
      result = options.businessDaysOnly
        ? addBusinessDays(at, duration.amount * BUSINESS_DAYS_PER_WEEK, timeZone)
        : addLocalDays(at, duration.amount * 7, timeZone);
      break;
  }
  return options.businessDaysOnly ? moveOffWeekend(result, timeZone) : result;
}

/** The same local time of day, `days` calendar days later (earlier if negative). */
export function addLocalDays(at: Date, days: number, timeZone: string): Date {
  const local = zonedParts(at, timeZone);
  return zonedTimeToUtc({ ...local, ...addCalendarDays(local, days) }, timeZone);
}

/**
 * The same local time of day after `days` business days: each step forward lands on the
 * next Monday-Friday date, so Friday + 1 and Saturday + 1 are both Monday.
 */
export function addBusinessDays(at: Date, days: number, timeZone: string): Date {
  const local = zonedParts(at, timeZone);
  let date = addCalendarDays(local, 0);
  for (let counted = 0; counted < days;) {
    date = addCalendarDays(date, 1);
    if (date.weekday < SATURDAY) counted++;
  }
  return zonedTimeToUtc({ ...local, ...date }, timeZone);
}

/** `at` unchanged on a weekday, else the following Monday at the same local time. */
export function moveOffWeekend(at: Date, timeZone: string): Date {
  const local = zonedParts(at, timeZone);
  if (local.weekday < SATURDAY) return at;
  // ISO weekday 6 (Saturday) is 2 days from Monday, 7 (Sunday) is 1.
  return zonedTimeToUtc({ ...local, ...addCalendarDays(local, 8 - local.weekday) }, timeZone);
}
