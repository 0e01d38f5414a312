/** How urgent a task looks on the list. */
export type DueState = 'done' | 'overdue' | 'today' | 'upcoming' | 'undated';

const sameLocalDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * A task is overdue once its due time has passed (not at the end of the day: a call due at
 * 10:00 is late at 10:01), due today when the time is later on the viewer's current day.
 */
export function dueState(task: { dueAt: string | null; done: boolean }, now: Date): DueState {
  if (task.done) return 'done';
  if (!task.dueAt) return 'undated';
  const due = new Date(task.dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  return sameLocalDay(due, now) ? 'today' : 'upcoming';
}

/** "overdue by 3 days", "due in 2 hours", "due today at 15:00"… in the viewer's locale. */
export function dueLabel(dueAt: string, now: Date, locale?: string): string {
  const due = new Date(dueAt);
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(minutes);
  const relative =
    abs < 60
      ? format.format(minutes, 'minute')
      : abs < 48 * 60
        ? format.format(Math.round(minutes / 60), 'hour')
        : format.format(Math.round(minutes / 1440), 'day');
  return minutes < 0 ? `overdue, was due ${relative}` : `due ${relative}`;
}

/** Open tasks first (most urgent first, undated last), then done ones, newest first. */
export function sortTasks<T extends { dueAt: string | null; done: boolean; updatedAt: string }>(tasks: T[]): T[] {
  const dueKey = (t: T) => (t.dueAt ? new Date(t.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => {
    if (a.done !== b.done) return a.done ? 1 : -1;
    if (a.done) return b.updatedAt.localeCompare(a.updatedAt);
    return dueKey(a) - dueKey(b);
  });
}
