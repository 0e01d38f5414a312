import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Principal } from '@cadenza/core';
import type { DataSource } from '@cadenza/activities/data';
import { startSmtpSink, type SmtpSink } from '@cadenza/activities/messaging';
import { adminOfNewTenant } from './flow-fixtures';
import { connectTestDb } from './integration';
import { requireService } from './service-env';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

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
  const saved = { ...process.env };
  const workers: WorkerProcess[] = [];
  const db = await connectTestDb();
  const sinkDb = await connectTestDb();
  const sink = await startSmtpSink({ db: sinkDb, port: 0 });
  Object.assign(process.env, {
    CADENZA_SECRET_KEY: randomBytes(32).toString('hex'),
    SMTP_SINK_PORT: String(sink.port),
    REDIS_URL: requireService('redis'),
    PUBLIC_BASE_URL: 'https://cadenza.test',
  });
  const connection = await Connection.connect({ address: requireService('temporal') });
  const client = new Client({ connection });
  const admin = await adminOfNewTenant(db, tenantName);
  return {
    db,
    sinkDb,
    sink,
    client,
    admin,
    startWorker: async () => {
      const worker = await startWorkerProcess({
        DATABASE_URL: requireService('postgres'),
        TEMPORAL_ADDRESS: requireService('temporal'),
        TEMPORAL_TASK_QUEUE: taskQueue,
      });
      workers.push(worker);
      return worker;
    },
    teardown: async () => {
      for (const worker of workers) worker.kill();
      await Promise.all(workers.map((worker) => worker.exited));
      await connection.close();
      await sink.close();
      await sinkDb.destroy();
      await db.destroy();
      process.env = saved;
    },
  };
}
