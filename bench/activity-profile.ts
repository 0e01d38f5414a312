import type { WorkerMetrics } from '../workers/src/observability/worker-metrics';

export interface ActivityProfile {
  activityType: string;
  count: number;
  meanMs: number;
}

/** Mean execution time per activity type, from the worker's own activity histogram. */
export async function activityProfile(metrics: WorkerMetrics): Promise<ActivityProfile[]> {
  const { values } = await metrics.activityDuration.get();
  const byType = new Map<string, { sum: number; count: number }>();
  for (const value of values) {
    const type = String(value.labels.activity_type);
    const entry = byType.get(type) ?? { sum: 0, count: 0 };
    const name = (value as { metricName?: string }).metricName ?? '';
    if (name.endsWith('_sum')) entry.sum += value.value;
    if (name.endsWith('_count')) entry.count += value.value;
    byType.set(type, entry);
  }
  return [...byType.entries()]
    .map(([activityType, { sum, count }]) => ({
      activityType,
      count,
      meanMs: count ? Math.round((sum / count) * 10_000) / 10 : 0,
    }))
    .sort((a, b) => a.activityType.localeCompare(b.activityType));
}
