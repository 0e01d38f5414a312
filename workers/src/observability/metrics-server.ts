import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { metricsVerdict, type MetricsAccess } from '@cadenza/core';

export interface MetricsServerOptions {
  port: number;
  registry: Registry;
  /** Who may read /metrics (core/src/metrics-access.ts); the probes stay open for the kubelet. */
  access: MetricsAccess;
  /** Temporal Core's Prometheus endpoint, appended so one scrape target has both sets. */
  sdkMetricsUrl?: string;
  sdkTimeoutMs?: number;
  /**
   * Whether the worker takes tasks now (connected and polling, not draining); /ready answers 503
   * otherwise, so a rollout waits for new pods to poll before it stops old ones. Without it, /ready
   * is /health.
   */
  ready?: () => boolean;
}

/** Temporal Core's metrics text, or a comment saying why it is missing (a scrape never fails on it). */
async function sdkMetricsText(url: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return `# temporal sdk metrics unavailable: HTTP ${response.status}\n`;
    return await response.text();
  } catch (error) {
    return `# temporal sdk metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`;
  }
}

/** A tiny HTTP server for /metrics, /health and /ready; workers have no other HTTP surface. */
export function startMetricsServer(options: MetricsServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"up"}');
      return;
    }
    if (req.url === '/ready') {
      const ready = options.ready?.() ?? true;
      res
        .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ready ? 'ready' : 'not_ready' }));
      return;
    }
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const verdict = metricsVerdict(options.access, req.headers.authorization);
    if (verdict !== 'allow') {
      res
        .writeHead(verdict === 'off' ? 404 : 401, {
          'content-type': 'application/json',
          ...(verdict === 'unauthorized' ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}),
        })
        .end(
          JSON.stringify(
            verdict === 'off'
              ? { code: 'not_found', message: 'metrics are off: set METRICS_TOKEN to serve them' }
              : { code: 'unauthorized', message: 'metrics need the METRICS_TOKEN bearer token' },
          ),
        );
      return;
    }
    void (async () => {
      const own = await options.registry.metrics();
      const sdk = options.sdkMetricsUrl
        ? await sdkMetricsText(options.sdkMetricsUrl, options.sdkTimeoutMs ?? 2000)
        : '';
      res.writeHead(200, { 'content-type': options.registry.contentType }).end(`${own}\n${sdk}`);
    })().catch((error: unknown) => {
      res.writeHead(500).end(error instanceof Error ? error.message : String(error));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve(server));
  });
}
