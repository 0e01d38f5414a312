import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { metricsVerdict, type MetricsAccess } from '@cadenza/core';
import type { ApiMetrics } from './api-metrics';
import { requestIdFrom } from './request-id';
import { watchMatchedRoute } from './route-label';

// Probes and scrapes run every few seconds; logging each would drown the real traffic.
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

declare module 'express-serve-static-core' {
  interface Request {
    /** Id this request is logged and answered under (X-Request-Id). */
    id: string;
    /** Logger carrying the request id; handlers add workflowId/runId with `.child()`. */
    log: Logger;
  }
}

/**
 * One JSON log line and one histogram observation per request, written when the response
 * finishes so status and duration are known. The request id is echoed in X-Request-Id so a
 * user's report can be matched to the log line.
 */
export function httpObservability(logger: Logger, metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const matchedRoute = watchMatchedRoute(req);
    req.id = requestIdFrom(req.headers['x-request-id']);
    req.log = logger.child({ requestId: req.id });
    res.setHeader('X-Request-Id', req.id);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = matchedRoute();
      metrics.httpRequestDuration.observe({ method: req.method, route, status_code: String(res.statusCode) }, seconds);
      if (QUIET_PATHS.has(req.path) && res.statusCode < 500) return;
      const fields = {
        method: req.method,
        route,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Math.round(seconds * 1000 * 10) / 10,
      };
      if (res.statusCode >= 500) req.log.error(fields, 'request failed');
      else req.log.info(fields, 'request');
    });
    next();
  };
}

/**
 * GET /metrics in the Prometheus text format, to whom `access` allows (core/src/metrics-access.ts):
 * 401 without the token, a JSON 404 when production has no token configured.
 */
export function metricsHandler(metrics: ApiMetrics, access: MetricsAccess): RequestHandler {
  return async (req, res) => {
    const verdict = metricsVerdict(access, req.get('authorization'));
    if (verdict === 'off') {
      res.status(404).json({ code: 'not_found', message: 'metrics are off: set METRICS_TOKEN to serve them' });
      return;
    }
    if (verdict === 'unauthorized') {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer realm="metrics"')
        .json({ code: 'unauthorized', message: 'metrics need the METRICS_TOKEN bearer token' });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
