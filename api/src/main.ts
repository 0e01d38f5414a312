import { Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { createDataSource, EventPublisher, startEventRelay } from '@cadenza/data';
import { cadenzaClient, clientTracingInterceptors, temporalConnectionOptions, tracingFromEnv } from '@cadenza/temporal';
import { PayloadKeyRing } from '@cadenza/services/privacy';
import { loadApiConfig } from './config';
import { platformSettings } from './platform-settings';
import { createApp } from './app';
import { attachLiveGateway } from './live/live-gateway';
import { appOrigins } from './live/app-origins';
import { ensureEventRetentionScheduleInBackground } from './live/retention-schedule';
import { ensureKnowledgeIndexerInBackground } from './routes/knowledge/ensure-knowledge-indexer';
import { createSessionResolver } from './auth/session-resolver';
import { createApiMetrics } from './observability/api-metrics';
import { createLogger } from './observability/logger';
import { requestTracing } from './observability/request-tracing';
import { answerClientError } from './http/client-error';

async function main(): Promise<void> {
  // The whole environment, messaging and LLM settings included: a bad variable stops boot here, before /ready.
  const config = loadApiConfig();
  // A half-set mTLS pair or an unreadable cert stops boot here, before any connection.
  const temporalOptions = temporalConnectionOptions('api', config.TEMPORAL_ADDRESS, config);
  // Before the Temporal client exists: its interceptor traces through the global provider.
  const tracing = tracingFromEnv('cadenza-api', config);
  const db = createDataSource({ url: config.DATABASE_URL });
  await db.initialize();
  // Redis and Temporal connect lazily so the API stays up (and /ready says degraded) when either is down.
  const redis = new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined); // reported through /ready; ioredis keeps reconnecting
  const connection = Connection.lazy(temporalOptions);
  // Everything the API sends to Temporal is encrypted; the same keys decode for the UI's codec server.
  const payloadKeys = new PayloadKeyRing({ db, wrapper: config.payloadKeyWrapper });
  const temporal = cadenzaClient({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    payloadKeys,
    ...(tracing ? { interceptors: clientTracingInterceptors() } : {}),
  });

  const logger = createLogger('api', config.LOG_LEVEL);
  const metrics = createApiMetrics({ defaultMetrics: true });
  const resolveSession = createSessionResolver(db);
  const platform = platformSettings(config);
  if (platform.metrics.kind === 'off') logger.warn('/metrics is off: production serves it only with METRICS_TOKEN set');
  const app = createApp({
    config,
    db,
    redis,
    temporal,
    logger,
    metrics,
    auth: config.auth,
    resolveSession,
    platform,
    messaging: config.messaging,
    activeModel: config.activeModel,
    egress: config.egress,
    payloadKeys,
    ...(tracing ? { requestTracing: requestTracing() } : {}),
  });
  const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, `api listening on :${config.PORT}`));
  server.on('error', (error) => {
    console.error(`api could not listen on :${config.PORT} (set PORT to change it): ${error.message}`);
    process.exit(1);
  });
  server.on('clientError', answerClientError); // unparsable requests get a JSON 400 too
  // Browser pages of other origins are refused at the handshake; said once so a wrong APP_ORIGINS is easy to spot.
  const allowedOrigins = appOrigins(config);
  logger.info(
    { appOrigins: [...allowedOrigins] },
    'live connections accepted from pages of these origins (APP_ORIGINS)',
  );
  // Sockets authenticate exactly like the REST API: API key or the same session resolver.
  const live = attachLiveGateway(server, {
    db,
    redisUrl: config.REDIS_URL,
    resolveSession,
    config,
    allowedOrigins,
    onError: (error, context) => logger.warn({ err: error, context }, 'live gateway'),
  });
  // Publishes every committed event (API and worker writes alike) to Redis; one relay across instances is active.
  const relay = startEventRelay({
    databaseUrl: config.DATABASE_URL,
    db,
    publisher: new EventPublisher(redis, (error) =>
      logger.warn({ err: error }, 'event publish failed; gateways will catch up from the log'),
    ),
    onError: (error) => logger.warn({ err: error }, 'event relay'),
  });
  ensureEventRetentionScheduleInBackground(
    temporal,
    {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      retentionDays: config.EVENT_RETENTION_DAYS,
      auditRetentionDays: config.AUDIT_RETENTION_DAYS,
      everyMinutes: config.EVENT_RETENTION_PRUNE_EVERY_MINUTES,
    },
    (error) => logger.warn({ err: error }, 'event retention schedule not ensured yet; retrying'),
  );
  // Keeps contacts' notes and timeline entries embedded for semantic search (one indexer per deployment).
  ensureKnowledgeIndexerInBackground(temporal, config.TEMPORAL_TASK_QUEUE, (error) =>
    logger.warn({ err: error }, 'knowledge indexer not started yet; retrying'),
  );

  const shutdown = () => {
    void live.close(); // sockets go first: clients reconnect elsewhere and resume by seq
    server.close(async () => {
      await relay.close();
      redis.disconnect();
      await connection.close();
      await db.destroy();
      await tracing?.shutdown(); // flushes the last batch of spans
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('api failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
