import { resolveAnalyticsRange, type AnalyticsRangeQuery } from '@cadenza/core';
import type { Db } from '../crm/crm-write';

export interface SqlRange {
  from: string;
  to: string;
  timezone: string;
  days: string[];
}

/** Today's date in a time zone, from the database clock (the one every row's timestamp comes from). */
export async function todayIn(db: Db, timezone: string): Promise<string> {
  const [row] = (await db.query(`SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS today`, [timezone])) as Array<{
    today: string;
  }>;
  return row!.today;
}

export async function rangeOf(db: Db, query: AnalyticsRangeQuery): Promise<SqlRange> {
  return resolveAnalyticsRange(query, await todayIn(db, query.timezone));
}

/**
 * SQL for "timestamp `column` falls in the range", in the range's time zone. Expects the
 * range at parameters $from, $to, $tz (placeholders given by the caller), so every query
 * bounds the same way: midnight of `from` up to (not including) midnight after `to`.
 */
export const inRange = (column: string, from: string, to: string, tz: string) =>
  `(${column} >= (${from}::date)::timestamp AT TIME ZONE ${tz} AND ${column} < (${to}::date + 1)::timestamp AT TIME ZONE ${tz})`;

/** The calendar day of a timestamp in the range's time zone, as YYYY-MM-DD. */
export const dayOf = (column: string, tz: string) => `to_char(${column} AT TIME ZONE ${tz}, 'YYYY-MM-DD')`;
