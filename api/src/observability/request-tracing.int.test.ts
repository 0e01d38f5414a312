import { activitySettingsFromEnv } from '@cadenza/activities';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Connection } from '@temporalio/client';
import { testPayloadKeys } from '@cadenza/test-harness/payload-keys';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { Redis } from 'ioredis';
import { cadenzaClient, clientTracingInterceptors, startTracing, workerTracing, type Tracing } from '@cadenza/temporal';
import type { DataSource } from '@cadenza/data';
import { connectTestDb, createTenantWithKey } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import { waitUntil } from '../../../scripts/services/wait-until';
import { createWorker } from '../../../workers/src/create-worker';
import { createApp } from '../app';
import { DEFAULT_AUTH_SETTINGS } from '../auth/auth-settings';
import { createSessionResolver } from '../auth/session-resolver';
import { ApiConfigSchema } from '../config';
import { requestTracing } from './request-tracing';

jest.setTimeout(120_000);

/**
 * The real chain with tracing on: an HTTP request to the API starts a workflow on the dev
 * server, a worker with the OpenTelemetry interceptors runs its activity, and every span
 * lands in one in-memory exporter.
 */
describe('tracing from an API request through Temporal to the activity', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let db: DataSource;
  let redis: Redis;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let server: Server;
  let stopWorker: () => Promise<void>;
  let baseUrl: string;
  let apiKey: string;

  beforeAll(async () => {
    // Worker INFO logs drown test output; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    tracing = startTracing({ serviceName: 'cadenza-test', exporter });
    const taskQueue = `tracing-${randomUUID()}`;
    const config = ApiConfigSchema.parse({
      DATABASE_URL: requireService('postgres'),
      REDIS_URL: requireService('redis'),
      TEMPORAL_ADDRESS: requireService('temporal'),
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    db = await connectTestDb();
    ({ apiKey } = await createTenantWithKey(db, 'Tracing tenant'));
    redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    const payloadKeys = testPayloadKeys(db);
    const temporal = cadenzaClient({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      payloadKeys,
      interceptors: clientTracingInterceptors(),
    });
    nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    const traced = workerTracing(tracing);
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      db,
      settings: activitySettingsFromEnv(),
      payloadKeys,
      interceptors: traced.interceptors,
      sinks: traced.sinks,
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
    };
    const app = createApp({
      config,
      db,
      redis,
      temporal,
      payloadKeys,
      auth: { ...DEFAULT_AUTH_SETTINGS, secretKey: randomBytes(32) },
      resolveSession: createSessionResolver(db),
      requestTracing: requestTracing(),
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await stopWorker?.();
    await nativeConnection?.close();
    await connection?.close();
    redis?.disconnect();
    await db?.destroy();
    await tracing?.shutdown();
  });

  const spanNamed = (name: string) => (span: ReadableSpan) => span.name === name;

  it('links the request span, the StartWorkflow span and the activity span in one trace', async () => {
    const started = await fetch(`${baseUrl}/api/v1/smoke-runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ message: 'traced' }),
    });
    expect(started.status).toBe(202);

    const spans = await waitUntil('activity span exported', async () => {
      const finished = exporter.getFinishedSpans();
      return finished.some(spanNamed('RunActivity:recordSmokeRun')) ? finished : undefined;
    });
    const request = spans.find(spanNamed('POST /api/v1/smoke-runs'));
    const start = spans.find(spanNamed('StartWorkflow:smokeWorkflow'));
    const activity = spans.find(spanNamed('RunActivity:recordSmokeRun'));
    expect(request?.kind).toBe(SpanKind.SERVER);
    expect(request?.attributes['http.response.status_code']).toBe(202);
    // The start is a direct child of the request; the activity continues the same trace.
    expect(start?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    const traceId = request!.spanContext().traceId;
    expect(start?.spanContext().traceId).toBe(traceId);
    expect(activity?.spanContext().traceId).toBe(traceId);
  });

  it('continues a trace the caller started (W3C traceparent)', async () => {
    const callerTraceId = randomBytes(16).toString('hex');
    const response = await fetch(`${baseUrl}/ready`, {
      headers: { traceparent: `00-${callerTraceId}-${randomBytes(8).toString('hex')}-01` },
    });
    await response.arrayBuffer();
    const ready = await waitUntil('readiness span', async () =>
      exporter.getFinishedSpans().find((span) => span.spanContext().traceId === callerTraceId),
    );
    expect(ready.kind).toBe(SpanKind.SERVER);
  });
});
