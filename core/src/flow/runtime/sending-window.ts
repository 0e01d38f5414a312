import type { z } from 'zod';
import type { SendingWindowSchema } from '../flow-settings';
import { WEEKDAYS } from '../weekdays';
import { addCalendarDays, isValidTimezone, zonedParts, zonedTimeToUtc } from './zoned-time';

export type SendingWindow = z.output<typeof SendingWindowSchema>;

// Seven days always reach an open day (the schema requires one); the eighth covers today's
// weekday again when today's window has already closed.
const DAYS_TO_SCAN = 8;

/** The zone a window is read in: the contact's when wanted and real, else the flow's. */
export function sendingWindowTimezone(window: SendingWindow, contactTimezone?: string | null): string {
  return window.useContactTimezone && isValidTimezone(contactTimezone) ? contactTimezone : window.timezone;
}

/**
 * `at` when sends are allowed then, otherwise the next moment the window opens. The window
 * is [start, end) on its days, in local time, so a 09:00 opening stays 09:00 local across
 * DST changes; an opening inside a spring-forward gap starts at the first instant that exists.
 * No window means sends may happen at any time.
 */
export function nextSendingTime(at: Date, window: SendingWindow | undefined, contactTimezone?: string | null): Date {
  if (!window) return at;
  const timeZone = sendingWindowTimezone(window, contactTimezone);
  const today = zonedParts(at, timeZone);
  const [startHour, startMinute] = parseTime(window.start);
  const [endHour, endMinute] = parseTime(window.end);

  for (let offset = 0; offset < DAYS_TO_SCAN; offset++) {
    const date = addCalendarDays(today, offset);
    const weekday = WEEKDAYS[date.weekday - 1];
    if (!weekday || !window.days.includes(weekday)) continue;
    const opens = zonedTimeToUtc({ ...date, hour: startHour, minute: startMinute }, timeZone);
    const closes = zonedTimeToUtc({ ...date, hour: endHour, minute: endMinute }, timeZone);
    // Both ends in the same spring gap leave nothing open that day.
    if (opens.getTime() >= closes.getTime()) continue;
    if (at.getTime() < closes.getTime()) return at.getTime() >= opens.getTime() ? at : opens;
  }
  // Unreachable for a window that passed its schema; fail loudly rather than send at random.
  throw new Error(`sending window never opens: ${JSON.stringify(window)}`);
}

function parseTime(time: string): [number, number] {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return [hour, minute];
}
