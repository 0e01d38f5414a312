import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '@cadenza/activities';
import type { DataSource } from '@cadenza/activities/data';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: DataSource;
  shutdownGraceSeconds?: number;
  /** Prebuilt workflow bundle; tests pass one to skip bundling per worker. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The main Cadenza worker: every workflow and activity on one task queue. */
export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('@cadenza/workflows') }),
    activities: createActivities({ db: options.db }),
    shutdownGraceTime: `${options.shutdownGraceSeconds ?? 10} seconds`,
  });
}
