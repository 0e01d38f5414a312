/** One display refresh at 60 Hz, in milliseconds. */
export const FRAME_BUDGET_MS = 1000 / 60;

export interface FrameStats {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Refreshes missed: an interval of n budgets (rounded) skipped n - 1 frames. */
  droppedFrames: number;
  /** Intervals longer than 50 ms: the stutters a user notices. */
  longFrames: number;
  /** Share of refreshes that were drawn, 0..1. */
  smoothness: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;

/** Frame timings from the intervals between successive requestAnimationFrame callbacks. */
export function frameStats(intervals: number[], budgetMs = FRAME_BUDGET_MS): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  let dropped = 0;
  let long = 0;
  for (const interval of intervals) {
    dropped += Math.max(0, Math.round(interval / budgetMs) - 1);
    if (interval > 50) long += 1;
  }
  return {
    frames: intervals.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? NaN),
    droppedFrames: dropped,
    longFrames: long,
    smoothness: intervals.length ? round(intervals.length / (intervals.length + dropped)) : NaN,
  };
}
