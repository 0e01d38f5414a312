import { activitySettingsFromEnv } from '@cadenza/activities';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Connection, type Client } from '@temporalio/client';
import type { PayloadKeyRing } from '@cadenza/services/privacy';
import { testTemporalClient } from './payload-keys';
import { DefaultLogger, IllegalStateError, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { Redis } from 'ioredis';
import { createApiKey, createDataSource, createTenant, type DataSource } from '@cadenza/data';
import { createApp } from '@cadenza/api';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '@cadenza/api';
import { createSessionResolver } from '@cadenza/api';
import { ApiConfigSchema, type ApiConfig } from '@cadenza/api';
import { createWorker } from '@cadenza/workers';
import { requireService } from './service-env';

export async function connectTestDb(): Promise<DataSource> {
  const db = createDataSource({ url: requireService('postgres'), poolSize: 4 });
  return db.initialize();
}

/** A fresh tenant and a live API key for it, so each test file is isolated from the others. */
export async function createTenantWithKey(
  db: DataSource,
  name = 'Test tenant',
): Promise<{ tenantId: string; apiKey: string }> {
  const tenant = await createTenant(db, name);
  return {
    tenantId: tenant.id,
    apiKey: await createApiKey(db, tenant.id, 'test key'),
  };
}

let runtimeInstalled = false;

/** Worker INFO logs drown test output; warnings and errors still show. */
function quietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (error) {
    // A process that connected to Temporal first (a bench provisioning its own server) keeps its runtime.
    if (!(error instanceof IllegalStateError)) throw error;
  }
}

export interface TestPlatform {
  db: DataSource;
  redis: Redis;
  temporal: Client;
  /** The keys the client and worker encrypt payloads with (shred a contact's, decode for a person). */
  payloadKeys: PayloadKeyRing;
  worker: Worker;
  baseUrl: string;
  config: ApiConfig;
  /** The API's HTTP server, for tests that attach more to it (the live gateway). */
  server: Server;
  stop: () => Promise<void>;
}

/**
 * The API (on an ephemeral port) and a worker on a task queue of its own, both wired to
 * the real services of this test run.
 */
export async function startTestPlatform(taskQueue: string): Promise<TestPlatform> {
  quietTemporalRuntime();
  const temporalAddress = requireService('temporal');
  const config = ApiConfigSchema.parse({
    PORT: '1',
    DATABASE_URL: requireService('postgres'),
    REDIS_URL: requireService('redis'),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  const db = await connectTestDb();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  const connection = await Connection.connect({ address: temporalAddress });
  const { temporal, payloadKeys } = testTemporalClient(db, connection, config.TEMPORAL_NAMESPACE);
  const nativeConnection = await NativeConnection.connect({
    address: temporalAddress,
  });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    db,
    settings: activitySettingsFromEnv(),
    payloadKeys,
  });
  const running = worker.run();
  const server: Server = await new Promise((resolve) => {
    // Tests get a throwaway secret key of their own, so TOTP works without any env setup.
    // Every test file signs in from 127.0.0.1, so the per-address bucket is widened here; the tests
    // of that limit build their own app with the real defaults and forwarded addresses of their own.
    const auth: AuthSettings = {
      ...DEFAULT_AUTH_SETTINGS,
      secretKey: randomBytes(32),
      signIn: { ...DEFAULT_AUTH_SETTINGS.signIn, clientLimit: { burst: 10_000, refillPerMinute: 10_000 } },
    };
    const app = createApp({
      config,
      db,
      redis,
      temporal,
      payloadKeys,
      auth,
      resolveSession: createSessionResolver(db),
    });
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    db,
    redis,
    temporal,
    payloadKeys,
    worker,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    server,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      redis.disconnect();
      await db.destroy();
    },
  };
}
