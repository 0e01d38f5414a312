/**
 * Exports one span through tracingFromEnv to the OTLP endpoint given as argv[2], then exits.
 * Run as a child process by tracing.test.ts: the OTLP exporter loads `http` with a dynamic
 * import, which jest's module sandbox refuses.
 */
import { trace } from '@opentelemetry/api';
import { tracingFromEnv } from './tracing';

async function main(): Promise<void> {
  const tracing = tracingFromEnv('cadenza-worker', { OTEL_EXPORTER_OTLP_ENDPOINT: process.argv[2] });
  trace.getTracer('fixture').startSpan('exported-span').end();
  await tracing?.shutdown(); // flushes the batch
}

void main();
