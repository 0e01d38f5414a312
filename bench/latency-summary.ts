export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentiles of latencies in milliseconds (p95 of 20 values is the 19th smallest). */
export function summarizeLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { count: sorted.length, p50Ms: round(rank(50)), p95Ms: round(rank(95)), maxMs: round(sorted.at(-1) ?? NaN) };
}
