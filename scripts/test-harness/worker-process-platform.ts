import { Connection, type Client } from '@temporalio/client';
import { cadenzaClient } from '@cadenza/temporal';
import { testPayloadKeys } from './payload-keys';
import type { Principal } from '@cadenza/core';
import type { DataSource } from '@cadenza/data';
import type { SmtpSink } from '@cadenza/services/messaging';
import { adminOfNewTenant } from './flow-fixtures';
import { connectTestDb } from './integration';
import { requireService } from './service-env';
import { startSinkEnv } from './sink-env';
import { startHarnessWorker, type WorkerProcess } from './worker-process';

/**
 * Production worker processes on the real Temporal server, PostgreSQL, Redis and an SMTP
 * sink, for tests that kill or multiply workers: a tenant, a Temporal client, and workers
 * started on demand on one task queue. The workers inherit this process's environment.
 */
export interface WorkerProcessPlatform {
  db: DataSource;
  sinkDb: DataSource;
  sink: SmtpSink;
  client: Client;
  admin: Principal;
  /** Starts one more worker on the task queue; await its `ready` before relying on it. */
  startWorker: () => Promise<WorkerProcess>;
  /** Kills the workers, closes everything and restores the environment. */
  teardown: () => Promise<void>;
}

export async function startWorkerProcessPlatform(
  tenantName: string,
  taskQueue: string,
): Promise<WorkerProcessPlatform> {
  const workers: WorkerProcess[] = [];
  const db = await connectTestDb();
  const { sinkDb, sink, close } = await startSinkEnv();
  const connection = await Connection.connect({ address: requireService('temporal') });
  const client = cadenzaClient({ connection, namespace: 'default', payloadKeys: testPayloadKeys(db) });
  const admin = await adminOfNewTenant(db, tenantName);
  return {
    db,
    sinkDb,
    sink,
    client,
    admin,
    startWorker: async () => {
      const worker = await startHarnessWorker(taskQueue);
      workers.push(worker);
      return worker;
    },
    teardown: async () => {
      for (const worker of workers) worker.kill();
      await Promise.all(workers.map((worker) => worker.exited));
      await connection.close();
      await close();
      await db.destroy();
    },
  };
}
