import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Connection, type Client } from '@temporalio/client';
import type { PayloadKeyRing } from '@cadenza/services/privacy';
import { testTemporalClient } from '@cadenza/test-harness/payload-keys';
import { Redis } from 'ioredis';
import type { DataSource } from '@cadenza/data';
import { connectTestDb, createTenantWithKey } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import { createApp } from './app';
import { ApiConfigSchema, loadApiConfig } from './config';
import { platformSettings } from './platform-settings';

const METRICS_TOKEN = 'metrics-token-of-this-test-0123456789';

/**
 * The app as `NODE_ENV` and `METRICS_TOKEN` make it at boot: production serves /metrics only
 * with the token (or not at all) and never mounts development tools; development keeps both.
 */
describe('platform mode of the app', () => {
  let db: DataSource;
  let redis: Redis;
  let temporal: Client;
  let payloadKeys: PayloadKeyRing;
  let apiKey: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    db = await connectTestDb();
    redis = new Redis(requireService('redis'), { lazyConnect: true, maxRetriesPerRequest: 1 });
    ({ temporal, payloadKeys } = testTemporalClient(db, Connection.lazy({ address: requireService('temporal') })));
    ({ apiKey } = await createTenantWithKey(db, 'Platform mode tenant'));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    redis.disconnect();
    await temporal.connection.close().catch(() => undefined);
    await db.destroy();
  });

  /** The app started as its main() would for this environment; returns its base URL. */
  async function startApp(env: Record<string, string>): Promise<string> {
    const config = ApiConfigSchema.parse({
      DATABASE_URL: requireService('postgres'),
      REDIS_URL: requireService('redis'),
      ...env,
    });
    const app = createApp({ config, db, redis, temporal, payloadKeys, platform: platformSettings(config) });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const call = (url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, headers: { authorization: `Bearer ${apiKey}`, ...init.headers } });

  it('production without METRICS_TOKEN serves no /metrics on the app port', async () => {
    const base = await startApp({ NODE_ENV: 'production' });
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('cadenza_http_request_duration_seconds');
    // An API key of the app is no way in either.
    expect((await call(`${base}/metrics`)).status).toBe(404);
  });

  it('METRICS_TOKEN asks every scrape for the bearer token', async () => {
    const base = await startApp({ NODE_ENV: 'production', METRICS_TOKEN });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await call(`${base}/metrics`)).status).toBe(401);
    const scrape = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('cadenza_http_request_duration_seconds');
  });

  it('development keeps /metrics open for the launcher', async () => {
    const base = await startApp({ NODE_ENV: 'development' });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('production does not mount the reply simulator and says so to the web app', async () => {
    const base = await startApp({ NODE_ENV: 'production', METRICS_TOKEN });
    const reply = await call(`${base}/api/v1/outbox/00000000-0000-4000-8000-000000000000/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(reply.status).toBe(404);
    expect(await reply.json()).toMatchObject({ message: expect.stringContaining('route') });
    expect(await (await call(`${base}/api/v1/platform/features`)).json()).toEqual({ simulateReply: false });
    const docs = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).not.toContain('/api/v1/outbox/{id}/reply');
  });

  it('development and test mount it (the README tour replies from the outbox)', async () => {
    for (const mode of ['development', 'test']) {
      const base = await startApp({ NODE_ENV: mode });
      // The route exists: an empty body is a validation error, not an unknown route.
      const reply = await call(`${base}/api/v1/outbox/00000000-0000-4000-8000-000000000000/reply`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(reply.status).toBe(400);
      expect(await (await call(`${base}/api/v1/platform/features`)).json()).toEqual({ simulateReply: true });
    }
  });

  it('refuses an unknown NODE_ENV at boot, naming the variable', () => {
    expect(() =>
      loadApiConfig({ DATABASE_URL: requireService('postgres'), REDIS_URL: 'redis://x', NODE_ENV: 'prod' }),
    ).toThrow(/NODE_ENV: /);
  });
});
