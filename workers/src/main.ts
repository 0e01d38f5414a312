import { NativeConnection } from '@temporalio/worker';
import { createDataSource } from '@cadenza/activities/data';
import { loadWorkerConfig } from './config';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const db = createDataSource({ url: config.DATABASE_URL });
  await db.initialize();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    shutdownGraceSeconds: config.WORKER_SHUTDOWN_GRACE_SECONDS,
  });
  console.log(`worker polling task queue ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  // Worker.run() returns after SIGINT/SIGTERM once in-flight tasks drain (shutdownGraceTime).
  await worker.run();
  await connection.close();
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error('worker failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
