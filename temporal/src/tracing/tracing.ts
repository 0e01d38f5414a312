import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TracingEnv } from '@cadenza/core';

export interface Tracing {
  /** Where finished spans go; the worker also hands it to the workflow span sink. */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Flushes buffered spans; call on shutdown so the last requests are not lost. */
  shutdown: () => Promise<void>;
}

/**
 * Installs the process-wide tracer provider, context manager and W3C propagator the Temporal
 * interceptors use through @opentelemetry/api. A batch processor for a real collector
 * (spans leave off the request path); a simple one for in-memory test exporters.
 */
export function startTracing(options: { serviceName: string; exporter: SpanExporter; batch?: boolean }): Tracing {
  const resource = resourceFromAttributes({ 'service.name': options.serviceName });
  const spanProcessor = options.batch
    ? new BatchSpanProcessor(options.exporter)
    : new SimpleSpanProcessor(options.exporter);
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Carries the active span across `await`; without it every span would be a root span and
  // the Temporal client interceptor could not see the API request span.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    spanProcessor,
    resource,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * Tracing as the environment asks for it: OTEL_EXPORTER_OTLP_ENDPOINT set exports over
 * OTLP/HTTP, unset leaves tracing off (null), so a plain install pays nothing for it.
 */
export function tracingFromEnv(defaultServiceName: string, env: TracingEnv): Tracing | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  return startTracing({
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    batch: true,
  });
}
