import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { startMetricsServer } from './metrics-server';

describe('the worker metrics server probes', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  const start = async (ready?: () => boolean) => {
    const server = await startMetricsServer({ port: 0, registry: new Registry(), ...(ready ? { ready } : {}) });
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return async (path: string) => {
      const response = await fetch(`${base}${path}`);
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
});
