import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { metricsAccess, type MetricsAccess } from '@cadenza/core';
import { startMetricsServer } from './metrics-server';

describe('the worker metrics server probes', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  const start = async (ready?: () => boolean, access: MetricsAccess = { kind: 'open' }) => {
    const registry = new Registry();
    new Counter({ name: 'cadenza_test_total', help: 'a metric the scrape must show', registers: [registry] });
    const server = await startMetricsServer({ port: 0, registry, access, ...(ready ? { ready } : {}) });
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${base}${path}`, { headers });
      return { status: response.status, body: await response.text() };
    };
  };

  it('answers /ready from the readiness function, while /health stays up', async () => {
    let polling = false;
    const get = await start(() => polling);
    expect(await get('/ready')).toEqual({ status: 503, body: '{"status":"not_ready"}' });
    expect((await get('/health')).status).toBe(200);
    polling = true;
    expect(await get('/ready')).toEqual({ status: 200, body: '{"status":"ready"}' });
    polling = false; // draining after SIGTERM
    expect((await get('/ready')).status).toBe(503);
  });

  it('is ready whenever it is up when no readiness function is given', async () => {
    const get = await start();
    expect(await get('/ready')).toEqual({ status: 200, body: '{"status":"ready"}' });
    expect((await get('/nope')).status).toBe(404);
  });

  it('serves /metrics in development without a token', async () => {
    const get = await start(undefined, metricsAccess('development', undefined));
    expect(await get('/metrics')).toMatchObject({ status: 200, body: expect.stringContaining('cadenza_test_total') });
  });

  it('serves no /metrics in production without METRICS_TOKEN, while the probes stay open', async () => {
    const get = await start(() => true, metricsAccess('production', undefined));
    const scrape = await get('/metrics');
    expect(scrape.status).toBe(404);
    expect(scrape.body).not.toContain('cadenza_test_total');
    expect((await get('/health')).status).toBe(200);
    expect((await get('/ready')).status).toBe(200);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'worker-metrics-token-0123456789abcdef';
    const get = await start(() => true, metricsAccess('production', token));
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', { authorization: 'Bearer wrong-token' })).status).toBe(401);
    const scrape = await get('/metrics', { authorization: `Bearer ${token}` });
    expect(scrape).toMatchObject({ status: 200, body: expect.stringContaining('cadenza_test_total') });
    expect((await get('/ready')).status).toBe(200);
  });
});
