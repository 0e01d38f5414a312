import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { ClientOptions } from '@temporalio/client';
import { createActivities, type ActivityMetricsHooks, type ActivitySettings } from '@cadenza/activities';
import { createCrmFlowPort } from '@cadenza/services/flow';
import type { DataSource } from '@cadenza/data';
import type { PayloadKeySource } from '@cadenza/core';
import { cadenzaClient, cadenzaDataConverter } from '@cadenza/temporal';
import { workflowBundlerOptions } from './workflow-bundle-options';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: DataSource;
  /** Messaging and LLM settings the activities use: the boot config's in main.ts, activitySettingsFromEnv() in tests. */
  settings: ActivitySettings;
  /** The data keys its payloads are encrypted with: a PayloadKeyRing over the database in every process. */
  payloadKeys: PayloadKeySource;
  shutdownGraceSeconds?: number;
  /** Prebuilt workflow bundle; tests pass one to skip bundling per worker. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Activity/workflow interceptors (metrics); main.ts passes them, tests usually not. */
  interceptors?: WorkerOptions['interceptors'];
  /** Injected sinks (the OpenTelemetry workflow span exporter). */
  sinks?: WorkerOptions['sinks'];
  /** Interceptors of the client activities start workflows with (tracing continues through them). */
  clientInterceptors?: ClientOptions['interceptors'];
  /** Send and LLM-token counters the activities report to (worker-metrics.ts). */
  activityMetrics?: ActivityMetricsHooks;
  /** Slot and poller counts; the benchmark sets them so the flow and baseline workers match. */
  tuning?: WorkerTuning;
}

export type WorkerTuning = Pick<
  WorkerOptions,
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentWorkflowTaskPolls'
  | 'maxConcurrentActivityTaskPolls'
  | 'maxCachedWorkflows'
>;

/** The main Cadenza worker: every workflow and activity on one task queue. */
export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const dataConverter = cadenzaDataConverter(options.payloadKeys);
  return Worker.create({
    connection: options.connection,
    dataConverter,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('@cadenza/workflows'), bundlerOptions: workflowBundlerOptions }),
    activities: createActivities({
      db: options.db,
      crm: createCrmFlowPort(options.db),
      // Activities that start workflows (enroll_in_flow, bulk enrollment) share the worker's connection.
      temporal: cadenzaClient({
        connection: options.connection,
        namespace: options.namespace,
        payloadKeys: options.payloadKeys,
        ...(options.clientInterceptors ? { interceptors: options.clientInterceptors } : {}),
      }),
      taskQueue: options.taskQueue,
      settings: options.settings,
      ...(options.activityMetrics ? { metrics: options.activityMetrics } : {}),
    }),
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
    ...(options.sinks ? { sinks: options.sinks } : {}),
    ...options.tuning,
    shutdownGraceTime: `${options.shutdownGraceSeconds ?? 10} seconds`,
  });
}
