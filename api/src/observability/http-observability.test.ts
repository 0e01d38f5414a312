import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { createApiMetrics } from './api-metrics';
import { httpObservability, metricsHandler } from './http-observability';
import { createLogger } from './logger';

/** A pino destination that keeps each line, so the test reads exactly what ops would ship. */
function captureLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

function buildApp() {
  const { stream, lines } = captureLines();
  const metrics = createApiMetrics();
  const app = express();
  app.use(httpObservability(createLogger('api', 'info', stream), metrics));
  app.get('/metrics', metricsHandler(metrics, { kind: 'open' }));
  const router = express.Router();
  router.get('/things/:id', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/broken', () => {
    throw new Error('boom');
  });
  app.use('/api/v1', router);
  return { app, lines };
}

describe('HTTP observability', () => {
  it('exposes a latency histogram labelled by route pattern after a request', async () => {
    const { app } = buildApp();
    await request(app).get('/api/v1/things/42').expect(200);

    const scrape = await request(app).get('/metrics').expect(200);
    expect(scrape.headers['content-type']).toContain('text/plain');
    expect(scrape.text).toContain('# TYPE cadenza_http_request_duration_seconds histogram');
    expect(scrape.text).toMatch(
      /cadenza_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/things\/:id",status_code="200"\} 1/,
    );
    // The id is in the label only as a pattern, never as a value.
    expect(scrape.text).not.toContain('/things/42');
  });

  it('writes one JSON log line per request carrying the request id it answers with', async () => {
    const { app, lines } = buildApp();
    const response = await request(app).get('/api/v1/things/7').set('X-Request-Id', 'req-abc').expect(200);
    expect(response.headers['x-request-id']).toBe('req-abc');

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: 'info',
      service: 'api',
      requestId: 'req-abc',
      method: 'GET',
      route: '/api/v1/things/:id',
      path: '/api/v1/things/7',
      status: 200,
    });
    expect(typeof entries[0]?.durationMs).toBe('number');
  });

  it('logs server errors at error level with a generated request id, and skips probe noise', async () => {
    const { app, lines } = buildApp();
    await request(app).get('/api/v1/broken').expect(500);
    await request(app).get('/metrics').expect(200);

    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'error', status: 500, route: '/api/v1/broken' });
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
