import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { routeLabel } from './route-label';

/**
 * One SERVER span per request, continuing a caller's `traceparent` when it sends one. The
 * rest of the request runs inside the span's context, so the Temporal client interceptor
 * makes its StartWorkflow span a child of it and the run's activities join the same trace.
 * Mounted after the body parser: its stream callbacks would drop the async context.
 */
export function requestTracing(tracer: Tracer = trace.getTracer('@cadenza/api')): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } },
      parent,
    );
    res.once('finish', () => {
      // The route pattern, not the raw path, keeps span names low-cardinality like the metrics.
      const route = routeLabel(req.baseUrl, req.route);
      if (route) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
