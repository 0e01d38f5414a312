/**
 * What activities report for the worker's Prometheus metrics. The worker passes an
 * implementation in (workers/src/observability/worker-metrics.ts), so activities stay free
 * of a metrics library and of process-global registries; tests pass nothing.
 */
export interface ActivityMetricsHooks {
  /** One message attempt that reached a conclusion: sent, suppressed, or failed (thrown). */
  messageSent(labels: { channel: string; provider: string; status: string }): void;
  /** Tokens an LLM call used, by model and kind (prompt or completion). */
  llmTokens(labels: { model: string; kind: 'prompt' | 'completion' }, tokens: number): void;
}

export const NO_ACTIVITY_METRICS: ActivityMetricsHooks = {
  messageSent: () => undefined,
  llmTokens: () => undefined,
};
