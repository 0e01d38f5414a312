import type { WorkerTuning } from '../workers/src/create-worker';

/**
 * One tuning for both workers of the benchmark, sized for a 2-vCPU box that also runs the
 * Temporal dev server and PostgreSQL:
 * - 64 workflow task slots / 8 pollers: workflow tasks are CPU-bound in one V8 isolate, so
 *   more slots only queue inside the worker; 8 pollers keep the slots fed over loopback gRPC.
 * - 128 activity slots / 8 pollers: activities mostly wait on PostgreSQL, so they overlap well.
 * - 2,000 cached workflows: every run of the benchmark stays sticky, no history replays.
 */
export const BENCH_WORKER_TUNING: Required<WorkerTuning> = {
  maxConcurrentWorkflowTaskExecutions: 64,
  maxConcurrentActivityTaskExecutions: 128,
  maxConcurrentWorkflowTaskPolls: 8,
  maxConcurrentActivityTaskPolls: 8,
  maxCachedWorkflows: 2000,
};

/** PostgreSQL connections of the flow worker: enough for the activity slots that touch the database at once. */
export const BENCH_DB_POOL_SIZE = 20;
