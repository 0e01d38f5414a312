import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { ConfigError } from '@cadenza/core';
import { startTracing, tracingFromEnv } from './tracing';

const otlpInstalled = (() => {
  try {
    require.resolve('@opentelemetry/exporter-trace-otlp-http');
    return true;
  } catch {
    return false;
  }
})();

describe('tracing setup', () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(tracingFromEnv('api', 'cadenza-api', {})).toBeNull();
  });

  (otlpInstalled ? it : it.skip)('exports over OTLP/HTTP when the endpoint is set', async () => {
    const tracing = tracingFromEnv('api', 'cadenza-api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' });
    expect(tracing?.resource.attributes['service.name']).toBe('cadenza-api');
    await tracing?.shutdown().catch(() => undefined);
  });

  (otlpInstalled ? it.skip : it)('names the variable when the OTLP exporter package is missing', () => {
    const call = () => tracingFromEnv('worker', 'cadenza-worker', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: set, but @opentelemetry\/exporter-trace-otlp-http/);
  });

  it('records spans of the global tracer with the service name, until shut down', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: 'svc', exporter });
    trace.getTracer('t').startActiveSpan('work', (span) => span.end());
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.resource.attributes['service.name']])).toEqual([
      ['work', 'svc'],
    ]);
    await tracing.shutdown();
    trace.getTracer('t').startSpan('after').end();
    expect(exporter.getFinishedSpans()).toHaveLength(0); // shutdown also resets the in-memory exporter
  });
});
