import { NativeConnection, Runtime } from '@temporalio/worker';
import { PayloadKeyRing } from '@cadenza/services/privacy';
import { createDataSource } from '@cadenza/data';
import { reconcileFlowTriggers } from '@cadenza/services/flow';
import {
  cadenzaClient,
  clientTracingInterceptors,
  temporalConnectionOptions,
  tracingFromEnv,
  workerTracing,
} from '@cadenza/temporal';
import { loadWorkerConfig } from './config';
import { createWorker } from './create-worker';
import { createLogger, temporalLogger } from './observability/logger';
import { activityMetricsHooks, activityMetricsInterceptor, createWorkerMetrics } from './observability/worker-metrics';
import { startMetricsServer } from './observability/metrics-server';
import { metricsAccess } from '@cadenza/core';

async function main(): Promise<void> {
  // The whole environment, messaging and LLM settings included: a bad variable stops boot here, before /ready.
  const config = loadWorkerConfig();
  // A half-set mTLS pair or an unreadable cert stops boot here, before any connection.
  const temporalOptions = temporalConnectionOptions('worker', config.TEMPORAL_ADDRESS, config);
  const tracing = tracingFromEnv('cadenza-worker', config);
  const traced = tracing ? workerTracing(tracing) : null;
  const logger = createLogger('worker', config.LOG_LEVEL);
  // Must run before any connection: Core's logger and Prometheus exporter are process-wide.
  const sdkMetricsAddress = `127.0.0.1:${config.WORKER_SDK_METRICS_PORT}`;
  Runtime.install({
    logger: temporalLogger(logger),
    telemetryOptions: { metrics: { prometheus: { bindAddress: sdkMetricsAddress } } },
  });
  const metrics = createWorkerMetrics({ defaultMetrics: true });
  // Replaced once the worker exists; /ready stays 503 while the database and Temporal connect.
  let polling = () => false;
  const access = metricsAccess(config.NODE_ENV, config.METRICS_TOKEN);
  if (access.kind === 'off') logger.warn('/metrics is off: production serves it only with METRICS_TOKEN set');
  const metricsServer = await startMetricsServer({
    port: config.WORKER_METRICS_PORT,
    registry: metrics.registry,
    access,
    sdkMetricsUrl: `http://${sdkMetricsAddress}/metrics`,
    ready: () => polling(),
  });
  const db = createDataSource({ url: config.DATABASE_URL });
  await db.initialize();
  const connection = await NativeConnection.connect(temporalOptions);
  const payloadKeys = new PayloadKeyRing({ db, wrapper: config.payloadKeyWrapper });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    settings: { messaging: config.messaging, ai: config, egress: config.egress },
    payloadKeys,
    shutdownGraceSeconds: config.WORKER_SHUTDOWN_GRACE_SECONDS,
    interceptors: {
      workflowModules: traced?.interceptors.workflowModules ?? [],
      activity: [activityMetricsInterceptor(metrics), ...(traced?.interceptors.activity ?? [])],
    },
    ...(traced ? { sinks: traced.sinks, clientInterceptors: clientTracingInterceptors() } : {}),
    activityMetrics: activityMetricsHooks(metrics),
  });
  polling = () => worker.getState() === 'RUNNING';
  logger.info(
    { taskQueue: config.TEMPORAL_TASK_QUEUE, metricsPort: config.WORKER_METRICS_PORT },
    `worker polling task queue ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`,
  );
  // Worker.run() returns after SIGINT/SIGTERM once in-flight tasks drain (shutdownGraceTime).
  const running = worker.run();
  // Trigger dispatchers and flow schedules the database says should exist; repairing them is
  // worth a log line when it fails, not a worker that refuses to start.
  await reconcileFlowTriggers({
    db,
    temporal: cadenzaClient({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      payloadKeys,
      ...(tracing ? { interceptors: clientTracingInterceptors() } : {}),
    }),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  }).then(
    (flows) => logger.info({ flows }, 'flow triggers reconciled'),
    (error: unknown) => logger.error({ err: error }, 'flow trigger reconciliation failed'),
  );
  await running;
  await connection.close();
  await db.destroy();
  await tracing?.shutdown(); // flushes the last batch of spans
  metricsServer.close();
}

main().catch((error: unknown) => {
  console.error('worker failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
