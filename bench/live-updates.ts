/**
 * Live updates at 1,000 connected clients: commit-to-receipt latency, sustained events
 * per second, and gateway memory per connection.
 *
 *   npx tsx bench/live-updates.ts     (BENCH_CLIENTS=1000, BENCH_RATE=50, BENCH_SECONDS=10)
 *
 * Starts PostgreSQL and Redis as the test harness does (or uses TEST_DATABASE_URL /
 * TEST_REDIS_URL), two gateway instances (two HTTP servers, one Redis, as two API
 * instances would be) in this process, and the clients in BENCH_CLIENT_PROCESSES child
 * processes, half on each instance, all in one tenant room. Latency runs from the moment
 * the writer's COMMIT returns to the moment a client's 'event' handler runs (both clocks
 * are this machine's). Results go to stdout and .data/bench/live-updates.json.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DomainEvent } from '@cadenza/core';
import { commitAndPublish, createApiKey, createDataSource, createTenant } from '@cadenza/data';
import { provisionPostgres, provisionRedis, type Provisioned } from '@cadenza/test-harness/provision';
import { startTestGateway, testPublisher } from '../api/src/live/live-test-support.test-support';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BURST_EVENTS = Number(process.env.BENCH_BURST_EVENTS ?? 2000);
const BURST_PER_TRANSACTION = 10;
const TARGET_P95_MS = 50;

const log = (message: string) => console.log(`[bench] ${message}`);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ClientProcess {
  child: ChildProcess;
  ask: <T>(command: object, reply: string) => Promise<T>;
}

function startClientProcess(): Promise<ClientProcess> {
  const child = fork(path.join(__dirname, 'live-updates-clients.ts'), { execArgv: ['--import', 'tsx'] });
  const ask = <T>(command: object, reply: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type === 'error') reject(new Error(message.message));
        if (message.type !== reply) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send(command);
    });
  return new Promise((resolve) => child.once('message', () => resolve({ child, ask })));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const provisioned: Provisioned[] = [];
  const [pg, redis] = await Promise.all([provisionPostgres(process.env), provisionRedis(process.env)]);
  provisioned.push(pg, redis);
  const db = await createDataSource({ url: pg.address, poolSize: 10 }).initialize();
  const tenant = await createTenant(db, 'live bench');
  const token = await createApiKey(db, tenant.id, 'bench');
  const room = `tenant:${tenant.id}`;
  const gateways = [
    await startTestGateway({ db, redisUrl: redis.address }),
    await startTestGateway({ db, redisUrl: redis.address }),
  ];
  const writer = testPublisher(redis.address);
  const clientProcesses = await Promise.all(Array.from({ length: CLIENT_PROCESSES }, startClientProcess));

  // Memory: heap and RSS of the gateway process before and after the connections.
  global.gc?.();
  await sleep(200);
  const before = process.memoryUsage();
  log(`connecting ${CLIENTS} clients over ${CLIENT_PROCESSES} processes to ${gateways.length} gateway instances`);
  const connectStart = now();
  await Promise.all(
    clientProcesses.map((p, i) =>
      p.ask(
        {
          type: 'connect',
          urls: gateways.map((g) => g.url),
          token,
          room,
          count: Math.floor(CLIENTS / CLIENT_PROCESSES) + (i < CLIENTS % CLIENT_PROCESSES ? 1 : 0),
        },
        'connected',
      ),
    ),
  );
  const connectSeconds = (now() - connectStart) / 1000;
  global.gc?.();
  await sleep(500);
  const after = process.memoryUsage();
  const perConnection = {
    heapKb: round((after.heapUsed - before.heapUsed) / 1024 / CLIENTS),
    rssKb: round((after.rss - before.rss) / 1024 / CLIENTS),
  };
  log(
    `connected in ${connectSeconds.toFixed(1)} s; per connection: heap ${perConnection.heapKb} KB, rss ${perConnection.rssKb} KB`,
  );

  const committedAt = new Map<number, number>();
  const write = async (count: number) => {
    const events: DomainEvent[] = await commitAndPublish(db, writer.publisher, tenant.id, (_m, append) =>
      append(
        Array.from({ length: count }, () => ({
          type: 'contact.updated',
          subject: 'contact' as const,
          subjectId: 'c1',
        })),
      ),
    );
    const at = now();
    for (const event of events) committedAt.set(event.seq, at);
    return events;
  };
  const totalReceived = async () =>
    (await Promise.all(clientProcesses.map((p) => p.ask<{ received: number }>({ type: 'counts' }, 'counts')))).reduce(
      (sum, c) => sum + c.received,
      0,
    );
  const waitForAll = async (expected: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    let received = await totalReceived();
    while (received < expected && Date.now() < deadline) {
      await sleep(20);
      received = await totalReceived();
    }
    return received;
  };

  // Phase 1: steady rate, latency per delivery.
  const steadyCount = RATE * SECONDS;
  log(`latency: ${steadyCount} events at ${RATE}/s to ${CLIENTS} clients`);
  const steadyStart = now();
  for (let i = 0; i < steadyCount; i++) {
    const due = steadyStart + (i * 1000) / RATE;
    if (due > now()) await sleep(due - now());
    await write(1);
  }
  const steadyDeliveries = await waitForAll(steadyCount * CLIENTS, 30_000);
  const latencies: number[] = [];
  for (const p of clientProcesses) {
    const { receipts } = await p.ask<{ receipts: Array<[number, number[]]> }>(
      { type: 'receipts', fromSeq: 1, toSeq: steadyCount },
      'receipts',
    );
    for (const [seq, times] of receipts) {
      const committed = committedAt.get(seq);
      if (committed !== undefined) for (const t of times) latencies.push(t - committed);
    }
  }
  latencies.sort((a, b) => a - b);
  const latency = {
    deliveries: latencies.length,
    expected: steadyCount * CLIENTS,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1] ?? NaN),
  };
  log(
    `latency p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, p99 ${latency.p99Ms} ms (${latency.deliveries}/${latency.expected} deliveries)`,
  );

  // Phase 2: as fast as the writer commits; events/s until every client has every event.
  log(`throughput: ${BURST_EVENTS} events, ${BURST_PER_TRANSACTION} per commit, as fast as possible`);
  const burstStart = now();
  for (let i = 0; i < BURST_EVENTS; i += BURST_PER_TRANSACTION) await write(BURST_PER_TRANSACTION);
  const committedSeconds = (now() - burstStart) / 1000;
  const burstReceived = (await waitForAll((steadyCount + BURST_EVENTS) * CLIENTS, 120_000)) - steadyDeliveries;
  const deliveredSeconds = (now() - burstStart) / 1000;
  const throughput = {
    events: BURST_EVENTS,
    committedPerSecond: round(BURST_EVENTS / committedSeconds),
    eventsPerSecondDeliveredToAll: round(BURST_EVENTS / deliveredSeconds),
    deliveriesPerSecond: round(burstReceived / deliveredSeconds),
    deliveries: burstReceived,
    expectedDeliveries: BURST_EVENTS * CLIENTS,
  };
  log(
    `throughput: ${throughput.eventsPerSecondDeliveredToAll} events/s to all ${CLIENTS} clients ` +
      `(${throughput.deliveriesPerSecond} deliveries/s; writer committed ${throughput.committedPerSecond}/s)`,
  );

  const report = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemGb: round(os.totalmem() / 2 ** 30) },
    clients: CLIENTS,
    gatewayInstances: gateways.length,
    connectSeconds: round(connectSeconds),
    memoryPerConnection: perConnection,
    latency,
    latencyTargetP95Ms: TARGET_P95_MS,
    latencyTargetMet: latency.p95Ms < TARGET_P95_MS,
    throughput,
    gatewayErrors: gateways.reduce((n, g) => n + g.errors.length, 0),
  };
  const out = path.join(process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'live-updates.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));

  for (const p of clientProcesses) p.child.send({ type: 'close' });
  for (const g of gateways) await g.close();
  writer.redis.disconnect();
  await db.destroy();
  for (const service of provisioned) await service.release();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
