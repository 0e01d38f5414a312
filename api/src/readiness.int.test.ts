import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Connection } from '@temporalio/client';
import { testTemporalClient } from '@cadenza/test-harness/payload-keys';
import { Redis } from 'ioredis';
import type { ReadinessReport } from '@cadenza/core';
import type { DataSource } from '@cadenza/data';
import { freePort } from '../../scripts/services/ports';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import { createApp } from './app';
import { ApiConfigSchema } from './config';

describe('API probes and web app serving', () => {
  let db: DataSource;
  let connection: Connection;
  let deadRedis: Redis;
  let server: Server;
  let baseUrl: string;
  const webDist = mkdtempSync(path.join(tmpdir(), 'cadenza-web-'));

  beforeAll(async () => {
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Cadenza test shell</title>');
    mkdirSync(path.join(webDist, 'pages'));
    writeFileSync(path.join(webDist, 'pages', 'contacts.html'), '<!doctype html><h1>Contacts</h1>');
    writeFileSync(
      path.join(webDist, 'route-preloads.json'),
      JSON.stringify([
        { pattern: '^\\/flows\\/([^/]+)$', files: ['/assets/designer-page-x.js'] },
        { pattern: '^\\/contacts$', files: [], html: 'pages/contacts.html' },
      ]),
    );
    db = await connectTestDb();
    connection = await Connection.connect({ address: requireService('temporal') });
    // Nothing listens here: Redis is "down" for this app while the other services are up.
    deadRedis = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => 1000,
    });
    deadRedis.on('error', () => undefined);
    const config = ApiConfigSchema.parse({
      DATABASE_URL: requireService('postgres'),
      REDIS_URL: 'redis://127.0.0.1:1',
      WEB_DIST_DIR: webDist,
      READY_PROBE_TIMEOUT_MS: '500',
    });
    const app = createApp({ config, db, redis: deadRedis, ...testTemporalClient(db, connection) });
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.close();
    deadRedis?.disconnect();
    await connection?.close();
    await db?.destroy();
  });

  it('says the process is up on /health', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
  });

  it('reports each service separately on /ready, and 503 when one is down', async () => {
    const response = await fetch(`${baseUrl}/ready`);
    expect(response.status).toBe(503);
    const report = (await response.json()) as ReadinessReport;
    expect(report.status).toBe('degraded');
    expect(report.services.temporal?.ok).toBe(true);
    expect(report.services.postgres?.ok).toBe(true);
    expect(report.services.redis?.ok).toBe(false);
    expect(report.services.redis?.error).toBeTruthy();
  });

  it('serves the web app, with client routes falling back to index.html', async () => {
    for (const route of ['/', '/flows/123']) {
      const response = await fetch(`${baseUrl}${route}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Cadenza test shell');
    }
  });

  it("names a deep-linked page's chunks in a Link header with its index.html", async () => {
    const designer = await fetch(`${baseUrl}/flows/123`);
    expect(designer.headers.get('link')).toBe('</assets/designer-page-x.js>; rel=modulepreload; crossorigin');
    expect((await fetch(`${baseUrl}/`)).headers.get('link')).toBeNull();
  });

  it('sends a page with a heading of its own the index.html the build wrote for it', async () => {
    const contacts = await fetch(`${baseUrl}/contacts`);
    expect(contacts.status).toBe(200);
    expect(contacts.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await contacts.text()).toBe('<!doctype html><h1>Contacts</h1>');
    expect(await (await fetch(`${baseUrl}/contacts/c1`)).text()).toContain('Cadenza test shell');
  });

  it('answers unknown API routes with a JSON error, not the web app', async () => {
    const response = await fetch(`${baseUrl}/api/v2/anything`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });
});
