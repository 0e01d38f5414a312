import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { ActivityMetricsHooks } from '@cadenza/activities';

/** The worker's own Prometheus metrics (Temporal's SDK metrics come from Core, see metrics-server). */
export interface WorkerMetrics {
  registry: Registry;
  activityDuration: Histogram<'activity_type' | 'task_queue' | 'outcome'>;
  messagesSent: Counter<'channel' | 'provider' | 'status'>;
  llmTokens: Counter<'model' | 'kind'>;
}

export function createWorkerMetrics(options: { defaultMetrics?: boolean } = {}): WorkerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'cadenza_worker_' });
  return {
    registry,
    activityDuration: new Histogram({
      name: 'cadenza_activity_duration_seconds',
      help: 'Activity execution time on this worker, in seconds, by activity type and outcome',
      labelNames: ['activity_type', 'task_queue', 'outcome'],
      // Database writes take milliseconds; LLM calls and agent steps take up to minutes.
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    messagesSent: new Counter({
      name: 'cadenza_messages_sent_total',
      help: 'Message sends that concluded, by channel, provider and status (sent, suppressed, failed, throttled)',
      labelNames: ['channel', 'provider', 'status'],
      registers: [registry],
    }),
    llmTokens: new Counter({
      name: 'cadenza_llm_tokens_total',
      help: 'Tokens used by LLM calls, by model and kind (prompt or completion)',
      labelNames: ['model', 'kind'],
      registers: [registry],
    }),
  };
}

/** The counters activities report to, handed to createActivities through createWorker. */
export function activityMetricsHooks(metrics: WorkerMetrics): ActivityMetricsHooks {
  return {
    messageSent: (labels) => metrics.messagesSent.inc(labels),
    llmTokens: (labels, tokens) => {
      // A provider that reports no usage gives NaN or a negative; a counter must only grow.
      if (Number.isFinite(tokens) && tokens > 0) metrics.llmTokens.inc(labels, tokens);
    },
  };
}

/**
 * Times every activity attempt. The interceptor sees the real outcome of the attempt (the
 * SDK's own schedule-to-close metric cannot tell a retried failure from a slow success).
 */
export function activityMetricsInterceptor(metrics: WorkerMetrics): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const stop = metrics.activityDuration.startTimer({
          activity_type: ctx.info.activityType,
          task_queue: ctx.info.taskQueue,
        });
        try {
          const result = await next(input);
          stop({ outcome: 'completed' });
          return result;
        } catch (error) {
          stop({ outcome: ctx.cancellationSignal.aborted ? 'cancelled' : 'failed' });
          throw error;
        }
      },
    },
  });
}
