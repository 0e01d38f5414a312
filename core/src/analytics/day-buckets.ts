/** Every calendar day from `from` to `to` inclusive, as YYYY-MM-DD (days are plain dates: no time zone left). */
export function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError(`not a date range: ${from} .. ${to}`);
  const days: string[] = [];
  for (let day = start; day <= end; day += 86_400_000) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

/**
 * Spreads sparse (day, metric, count) rows over every day of the range, zero where a day
 * had nothing, so a chart's x axis has no holes. Rows outside the range are ignored.
 */
export function fillDailySeries<M extends string>(
  days: string[],
  metrics: readonly M[],
  rows: ReadonlyArray<{ day: string; metric: string; count: number }>,
): Array<{ day: string } & Record<M, number>> {
  const index = new Map(days.map((day, i) => [day, i]));
  const series = days.map(
    (day) =>
      ({ day, ...Object.fromEntries(metrics.map((metric) => [metric, 0])) }) as { day: string } & Record<M, number>,
  );
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined || !(metrics as readonly string[]).includes(row.metric)) continue;
    const day = series[i] as Record<string, number>;
    day[row.metric] = (day[row.metric] ?? 0) + row.count;
  }
  return series;
}
