import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ConfigError, type TracingEnv } from '@cadenza/core';
import { AsyncLocalContextManager } from './async-local-context-manager';

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
  context.setGlobalContextManager(new AsyncLocalContextManager());
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

/** The OTLP/HTTP package is optional: only a process that exports spans needs it. */
const OTLP_PACKAGE = '@opentelemetry/exporter-trace-otlp-http';

/**
 * Tracing as the environment asks for it: OTEL_EXPORTER_OTLP_ENDPOINT set exports over
 * OTLP/HTTP, unset leaves tracing off (null), so a plain install pays nothing for it.
 */
export function tracingFromEnv(processName: string, defaultServiceName: string, env: TracingEnv): Tracing | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  let OTLPTraceExporter: new (config: { url: string }) => SpanExporter;
  try {
    // A synchronous optional load: boot stays synchronous and the package stays optional.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ OTLPTraceExporter } = require(OTLP_PACKAGE) as { OTLPTraceExporter: typeof OTLPTraceExporter });
  } catch {
    throw new ConfigError(processName, [
      `OTEL_EXPORTER_OTLP_ENDPOINT: set, but ${OTLP_PACKAGE} is not installed; install it or unset the variable`,
    ]);
  }
  return startTracing({
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    batch: true,
  });
}
