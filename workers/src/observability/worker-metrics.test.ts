import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '@temporalio/activity';
import { activityMetricsHooks, activityMetricsInterceptor, createWorkerMetrics } from './worker-metrics';
import { startMetricsServer } from './metrics-server';

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

function activityContext(activityType: string): Context {
  return {
    info: { activityType, taskQueue: 'q' },
    cancellationSignal: new AbortController().signal,
  } as unknown as Context;
}

describe('worker metrics', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  it('times activity attempts by outcome and serves them with the SDK metrics on one endpoint', async () => {
    const metrics = createWorkerMetrics();
    const intercept = activityMetricsInterceptor(metrics);
    const ok = intercept(activityContext('recordSmokeRun')).inbound!.execute!;
    const bad = intercept(activityContext('sendEmail')).inbound!.execute!;
    await expect(ok({ args: [], headers: {} }, async () => 'done')).resolves.toBe('done');
    await expect(
      bad({ args: [], headers: {} }, async () => {
        throw new Error('smtp down');
      }),
    ).rejects.toThrow('smtp down');

    // Temporal Core's exporter, as it answers on its bind address.
    const sdk = createServer((_req, res) =>
      res.end('# TYPE temporal_activity_poll_no_task counter\ntemporal_activity_poll_no_task 3\n'),
    );
    servers.push(sdk);
    const sdkPort = await listen(sdk);
    const server = await startMetricsServer({
      port: 0,
      registry: metrics.registry,
      access: { kind: 'open' },
      sdkMetricsUrl: `http://127.0.0.1:${sdkPort}/metrics`,
    });
    servers.push(server);
    const text = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();

    expect(text).toMatch(
      /cadenza_activity_duration_seconds_count\{activity_type="recordSmokeRun",task_queue="q",outcome="completed"\} 1/,
    );
    expect(text).toMatch(
      /cadenza_activity_duration_seconds_count\{activity_type="sendEmail",task_queue="q",outcome="failed"\} 1/,
    );
    expect(text).toContain('temporal_activity_poll_no_task 3');
  });

  it('still answers when the SDK exporter is down', async () => {
    const server = await startMetricsServer({
      port: 0,
      registry: createWorkerMetrics().registry,
      access: { kind: 'open' },
      sdkMetricsUrl: 'http://127.0.0.1:1/metrics',
      sdkTimeoutMs: 500,
    });
    servers.push(server);
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('# temporal sdk metrics unavailable');
  });

  it('counts sends and LLM tokens reported through the activity hooks', async () => {
    const metrics = createWorkerMetrics();
    const hooks = activityMetricsHooks(metrics);
    hooks.messageSent({ channel: 'email', provider: 'sink', status: 'sent' });
    hooks.messageSent({ channel: 'email', provider: 'sink', status: 'sent' });
    hooks.messageSent({ channel: 'sms', provider: 'unknown', status: 'failed' });
    hooks.llmTokens({ model: 'gpt-4o-mini', kind: 'prompt' }, 120);
    hooks.llmTokens({ model: 'gpt-4o-mini', kind: 'completion' }, 30);
    hooks.llmTokens({ model: 'gpt-4o-mini', kind: 'completion' }, Number.NaN);
    const text = await metrics.registry.metrics();
    expect(text).toContain('cadenza_messages_sent_total{channel="email",provider="sink",status="sent"} 2');
    expect(text).toContain('cadenza_messages_sent_total{channel="sms",provider="unknown",status="failed"} 1');
    expect(text).toContain('cadenza_llm_tokens_total{model="gpt-4o-mini",kind="prompt"} 120');
    expect(text).toContain('cadenza_llm_tokens_total{model="gpt-4o-mini",kind="completion"} 30');
  });
});
