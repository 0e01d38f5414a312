/**
 * Local wall-clock time <-> UTC instants for an IANA timezone, built on Intl.DateTimeFormat
 * only: the flow engine runs these inside Temporal's workflow sandbox, where no timezone
 * library is loaded and the answer must be the same on every replay.
 */

/** A wall-clock time in some timezone. `weekday` is ISO: 1 = Monday ... 7 = Sunday. */
export type ZonedParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
};

/** What `zonedTimeToUtc` needs: a calendar date and a time; seconds default to 0. */
export type LocalDateTime = Omit<ZonedParts, 'second' | 'weekday'> & { second?: number };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEKDAY_NUMBERS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building a formatter is far slower than using one, and a run converts many times per step.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false, which prints midnight as "24" on some ICU versions.
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `date` in `timeZone`. Throws a RangeError for an unknown zone. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY_NUMBERS[parts.weekday ?? ''] ?? 0,
  };
}

/** The wall-clock time as if it were UTC, in ms: the common scale for comparing local times. */
function wallMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
}

/** How far `timeZone` is ahead of UTC at `instantMs`, in ms (negative west of Greenwich). */
export function timezoneOffsetMs(instantMs: number, timeZone: string): number {
  // Intl reports whole seconds, so compare against the instant truncated the same way.
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return wallMs(zonedParts(new Date(whole), timeZone)) - whole;
}

/**
 * The UTC instant at which `timeZone` reads the given wall-clock time.
 * - A time repeated when clocks go back takes its first occurrence (the earlier instant).
 * - A time skipped when clocks go forward does not exist; it moves forward to the first
 *   instant that does, i.e. the moment of the change (02:30 on a spring-forward night in
 *   New York gives 03:00 EDT), so a window opening then starts as soon as it can.
 */
export function zonedTimeToUtc(local: LocalDateTime, timeZone: string): Date {
  const wall = wallMs(local);
  // Offsets a day either side bracket any transition that could affect this wall time.
  const before = timezoneOffsetMs(wall - DAY_MS, timeZone);
  const after = timezoneOffsetMs(wall + DAY_MS, timeZone);
  const readsWall = (instant: number) => instant + timezoneOffsetMs(instant, timeZone) === wall;

  const candidates = [...new Set([wall - before, wall - after, wall - timezoneOffsetMs(wall, timeZone)])]
    .filter(readsWall)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);

  // In a gap: between these two instants the local reading jumps past `wall`. Binary search
  // for the first minute whose reading is at or after it (transitions fall on whole minutes).
  let low = Math.min(wall - before, wall - after);
  let high = Math.max(wall - before, wall - after);
  while (high - low > MINUTE_MS) {
    const mid = low + Math.max(1, Math.floor((high - low) / 2 / MINUTE_MS)) * MINUTE_MS;
    if (mid + timezoneOffsetMs(mid, timeZone) >= wall) high = mid;
    else low = mid;
  }
  return new Date(high);
}

/** The calendar date `days` after (or before, if negative) the given one. */
export function addCalendarDays(
  date: Pick<LocalDateTime, 'year' | 'month' | 'day'>,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    // getUTCDay is 0 for Sunday; ISO numbers it 7.
    weekday: shifted.getUTCDay() || 7,
  };
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimezone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
