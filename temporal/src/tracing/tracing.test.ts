import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, tracingFromEnv } from './tracing';

describe('tracing setup', () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(tracingFromEnv('cadenza-api', {})).toBeNull();
  });

  it('exports spans over OTLP/HTTP to <endpoint>/v1/traces with the service name', async () => {
    const received: Array<{ url: string; body: string }> = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`;
    try {
      // Async: the collector answers on this process's event loop while the child exports.
      const child = spawn(process.execPath, [
        '--import',
        'tsx',
        path.join(__dirname, 'otlp-export.fixture.ts'),
        endpoint,
      ]);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
      expect(received.map((request) => request.url)).toEqual(['/v1/traces']);
      expect(received[0]!.body).toContain('exported-span');
      expect(received[0]!.body).toContain('cadenza-worker');
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });

  it('records spans of the global tracer with the service name', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: 'svc', exporter });
    trace.getTracer('t').startActiveSpan('outer', (outer) => {
      trace.getTracer('t').startSpan('inner').end();
      outer.end();
    });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => [span.name, span.resource.attributes['service.name']])).toEqual([
      ['inner', 'svc'],
      ['outer', 'svc'],
    ]);
    // The context manager makes the active span the parent of the next one.
    expect(spans[0]!.parentSpanContext?.spanId).toBe(spans[1]!.spanContext().spanId);
    await tracing.shutdown();
  });
});
