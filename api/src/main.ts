import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { createDataSource } from '@cadenza/activities/data';
import { loadApiConfig } from './config';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const db = createDataSource({ url: config.DATABASE_URL });
  await db.initialize();
  // Redis and Temporal connect lazily so the API stays up (and /ready says degraded) when either is down.
  const redis = new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined); // reported through /ready; ioredis keeps reconnecting
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });

  const app = createApp({ config, db, redis, temporal });
  const server = app.listen(config.PORT, () => console.log(`api listening on :${config.PORT}`));
  server.on('error', (error) => {
    console.error(`api could not listen on :${config.PORT} (set PORT to change it): ${error.message}`);
    process.exit(1);
  });

  const shutdown = () => {
    server.close(async () => {
      redis.disconnect();
      await connection.close();
      await db.destroy();
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
