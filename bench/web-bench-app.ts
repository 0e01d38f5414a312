import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection } from '@temporalio/client';
import { testTemporalClient } from '@cadenza/test-harness/payload-keys';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { EventPublisher, startEventRelay, type createDataSource } from '@cadenza/data';
import { createApp } from '../api/src/app';
import { ApiConfigSchema } from '../api/src/config';
import { createSessionResolver } from '../api/src/auth/session-resolver';
import { attachLiveGateway } from '../api/src/live/live-gateway';
import { launchChromium, newSessionPage, signIn } from '../scripts/e2e/e2e-browser';

export interface WebBenchApp {
  base: string;
  /** Stops the relay, the live gateway and the server, then drops the Redis connection. */
  close: () => Promise<void>;
}

/**
 * The API and the built web app on a free local port, with the live gateway and the event relay
 * as in production, for the browser benches. `webDistDir` serves another build (say, of the
 * previous commit) to compare against under the same load.
 */
export async function serveWebBenchApp(options: {
  db: ReturnType<typeof createDataSource>;
  postgresUrl: string;
  redisUrl: string;
  webDistDir?: string;
}): Promise<WebBenchApp> {
  const { db, postgresUrl, redisUrl, webDistDir } = options;
  const config = ApiConfigSchema.parse({
    PORT: '1',
    DATABASE_URL: postgresUrl,
    REDIS_URL: redisUrl,
    ...(webDistDir ? { WEB_DIST_DIR: webDistDir } : {}),
  });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  // The pages the benches load never call Temporal: a lazy client that never connects.
  const { temporal, payloadKeys } = testTemporalClient(db, Connection.lazy({ address: config.TEMPORAL_ADDRESS }));
  const resolveSession = createSessionResolver(db);
  const app = createApp({ config, db, redis, temporal, payloadKeys, resolveSession });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const live = attachLiveGateway(server, { db, redisUrl, resolveSession });
  const relay = startEventRelay({ databaseUrl: postgresUrl, db, publisher: new EventPublisher(redis) });
  const close = async () => {
    for (const step of [
      () => relay.close(),
      () => live.close(),
      () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(resolve));
      },
      () => redis.disconnect(),
    ]) {
      await Promise.resolve(step()).catch(() => undefined);
    }
  };
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/**
 * Headless Chromium with one page signed in as `email`; browser errors are collected in `errors`.
 * The caller closes `browser`.
 */
export async function signedInPage(
  base: string,
  email: string,
  password: string,
): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await launchChromium();
  try {
    const errors: string[] = [];
    const page = await newSessionPage(browser, errors);
    // tsx names inner functions with an __name helper; functions sent to page.evaluate need it in the page too.
    await page.addInitScript('window.__name = (fn) => fn');
    await signIn(page, base, email, password);
    return { browser, page, errors };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
