/**
 * The communication hub: messages per second through the SMTP path with four sequences
 * sending at once, and the time from a reply's intake to the run seeing it. Each against a
 * baseline measured in the same run, on the same servers.
 *
 *   npx tsx bench/messaging.ts     (BENCH_MESSAGES=400, BENCH_REPLIES=100, BENCH_REPLY_RATE=10)
 *
 * Starts Temporal, PostgreSQL and Redis as the test harness does (or uses TEST_TEMPORAL_ADDRESS,
 * TEST_DATABASE_URL, TEST_REDIS_URL), the built-in SMTP sink, the API and a worker, then:
 *   smtp baseline:  BENCH_MESSAGES emails composed and sent straight to the sink over SMTP,
 *                   four senders at once (no Temporal, no database besides the sink's own);
 *   smtp flows:     BENCH_MESSAGES contacts enrolled across four published sequences whose
 *                   send_email step goes through the same sink; rate = messages / (first
 *                   enrollment to last message sent);
 *   reply baseline: BENCH_REPLIES bare workflows waiting on a signal, signalled at
 *                   BENCH_REPLY_RATE per second; latency = signal call to workflow time of wake;
 *   reply flow:     BENCH_REPLIES runs waiting for a reply after their email; replies posted to
 *                   the API (POST /outbox/:id/reply) at the same rate; latency = request sent
 *                   to the workflow time at which the run's wait step ended.
 * The sink's throttle is lifted (SINK_*_LIMIT), so the figures are the path's own speed.
 * Results go to stdout and .data/bench/messaging.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { cadenzaDataConverter } from '@cadenza/temporal';
import { createCrmFlowPort, enrollContact } from '@cadenza/services/flow';
import type { DataSource } from '@cadenza/data';
import { composeEmail } from '@cadenza/services/messaging';
import { sendOverSmtp } from '@cadenza/services/messaging';
import {
  provisionPostgres,
  provisionRedis,
  provisionTemporal,
  type Provisioned,
} from '@cadenza/test-harness/provision';
import { TEST_SERVICES } from '@cadenza/test-harness/service-env';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import {
  mailThenAwaitReply,
  startMessagingPlatform,
  type MessagingPlatform,
} from '@cadenza/test-harness/messaging-platform';
import { baselineReplySignal } from './baseline/signal-baseline-workflow';
import { summarizeLatencies } from './latency-summary';
import { runBounded } from './run-bounded';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 400);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 100);
const REPLY_RATE = Number(process.env.BENCH_REPLY_RATE ?? 10);
const SEQUENCES = 4;
const START_CONCURRENCY = 16;
const DEADLINE_MS = 180_000;

const log = (message: string) => console.log(`[bench] ${message}`);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;

/** Calls `task` for each index at a steady `perSecond`, each on its own schedule (not queued behind the last). */
async function paced(count: number, perSecond: number, task: (index: number) => Promise<void>): Promise<void> {
  const begin = Date.now();
  const pending: Array<Promise<void>> = [];
  for (const index of range(count)) {
    const due = begin + (index * 1000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    pending.push(task(index));
  }
  await Promise.all(pending);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not done after ${DEADLINE_MS} ms`);
    await sleep(100);
  }
}

async function smtpBaseline(sinkPort: number): Promise<{ messages: number; seconds: number; perSecond: number }> {
  const batch = randomUUID();
  const begin = Date.now();
  await runBounded(range(MESSAGES), SEQUENCES, async (i) => {
    const rfcMessageId = `${batch}.${i}@bench.test`;
    const raw = await composeEmail({
      from: { name: null, address: 'outreach@cadenza.local' },
      to: `bench-${i}@example.com`,
      subject: `Hello ${i}`,
      html: `<p>Hi ${i}</p>`,
      text: `Hi ${i}`,
      rfcMessageId,
      idempotencyKey: `${batch}:${i}`,
      unsubscribeUrl: null,
    });
    await sendOverSmtp(
      { host: '127.0.0.1', port: sinkPort, secure: false, plain: true },
      { from: 'outreach@cadenza.local', to: `bench-${i}@example.com` },
      raw,
      harnessEgress,
    );
  });
  const seconds = (Date.now() - begin) / 1000;
  return { messages: MESSAGES, seconds: Math.round(seconds * 100) / 100, perSecond: round(MESSAGES / seconds) };
}

const sendOnly = (subject: string) =>
  flowOf(
    [{ id: 'mail', type: 'send_email', settings: { subject, body: 'Hi {{default contact.firstName "there"}}' } }],
    [['start', 'mail']],
  );

async function contactsFor(platform: MessagingPlatform, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  await runBounded(range(count), 4, async (i) => {
    ids.push(await newContact(platform.platform.db, platform.admin, { email: `${label}-${i}-${randomUUID()}@x.test` }));
  });
  return ids;
}

async function enrollAll(platform: MessagingPlatform, runs: Array<{ flowId: string; contactId: string }>) {
  const { db, temporal, config } = platform.platform;
  const deps = { db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, crm: createCrmFlowPort(db) };
  const enrollmentIds: string[] = [];
  await runBounded(runs, START_CONCURRENCY, async ({ flowId, contactId }) => {
    const outcome = await enrollContact(deps, {
      tenantId: platform.tenant.tenantId,
      flowId,
      contactId,
      source: 'bench',
    });
    if (outcome.status !== 'started') throw new Error(`enrollment of ${contactId}: ${outcome.status}`);
    enrollmentIds.push(outcome.enrollmentId);
  });
  return enrollmentIds;
}

const sentCount = async (db: DataSource, flowIds: string[]) =>
  (await db.query(
    `SELECT count(*)::int AS count, max(m.sent_at) AS last FROM messages m
       JOIN flow_runs r ON r.enrollment_id = m.enrollment_id
     WHERE r.flow_id = ANY($1::uuid[]) AND m.status = 'sent'`,
    [flowIds],
  )) as Array<{ count: number; last: Date | null }>;

async function smtpFlows(platform: MessagingPlatform, count: number) {
  const { db } = platform.platform;
  const flows = await Promise.all(
    range(SEQUENCES).map(
      async (s) => (await publishedFlow(db, platform.admin, sendOnly(`Seq ${s}`), `Seq ${s}`)).flowId,
    ),
  );
  const contacts = await contactsFor(platform, count, 'smtp');
  // Interleaved, so the four sequences send at the same time.
  const runs = contacts.map((contactId, i) => ({ flowId: flows[i % SEQUENCES]!, contactId }));
  const begin = Date.now();
  await enrollAll(platform, runs);
  const [done] = await waitFor('all messages sent', async () => {
    const rows = await sentCount(db, flows);
    return rows[0]!.count >= count ? rows : undefined;
  });
  const seconds = (done!.last!.getTime() - begin) / 1000;
  return { messages: count, seconds: Math.round(seconds * 100) / 100, perSecond: round(count / seconds) };
}

async function replyBaseline(platform: MessagingPlatform, connection: NativeConnection) {
  const taskQueue = `bench-signal-${randomUUID()}`;
  // The platform's client encrypts its signals; the baseline worker decodes them like the real one.
  const worker = await Worker.create({
    connection,
    taskQueue,
    dataConverter: cadenzaDataConverter(platform.platform.payloadKeys),
    workflowsPath: require.resolve('./baseline/signal-baseline-workflow'),
  });
  const running = worker.run();
  try {
    const { temporal } = platform.platform;
    const handles = await Promise.all(
      range(REPLIES).map((i) =>
        temporal.workflow.start('signalBaselineWorkflow', { taskQueue, workflowId: `${taskQueue}-${i}` }),
      ),
    );
    await sleep(2000); // every workflow past its first task, waiting
    const sentAt: number[] = [];
    await paced(REPLIES, REPLY_RATE, async (i) => {
      sentAt[i] = Date.now();
      await handles[i]!.signal(baselineReplySignal);
    });
    const seen = await Promise.all(handles.map((handle) => handle.result() as Promise<number>));
    return summarizeLatencies(seen.map((at, i) => at - sentAt[i]!));
  } finally {
    worker.shutdown();
    await running;
  }
}

async function replyFlow(platform: MessagingPlatform) {
  const { db, baseUrl } = platform.platform;
  const { flowId } = await publishedFlow(
    db,
    platform.admin,
    mailThenAwaitReply('Question', 'Any thoughts?'),
    'Reply bench',
  );
  const contacts = await contactsFor(platform, REPLIES, 'reply');
  const enrollmentIds = await enrollAll(
    platform,
    contacts.map((contactId) => ({ flowId, contactId })),
  );
  await waitFor('all runs waiting for their reply', async () => {
    const [row] = (await db.query(
      `SELECT count(*)::int AS count FROM flow_runs WHERE flow_id = $1 AND status = 'waiting' AND current_node_id = 'await'`,
      [flowId],
    )) as Array<{ count: number }>;
    return row!.count >= REPLIES ? true : undefined;
  });
  const messages = (await db.query(
    `SELECT id, enrollment_id FROM messages WHERE enrollment_id = ANY($1::uuid[]) AND status = 'sent'`,
    [enrollmentIds],
  )) as Array<{ id: string; enrollment_id: string }>;
  const sentAt = new Map<string, number>();
  await paced(messages.length, REPLY_RATE, async (i) => {
    const message = messages[i]!;
    sentAt.set(message.enrollment_id, Date.now());
    const response = await fetch(`${baseUrl}/api/v1/outbox/${message.id}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.tenant.apiKey}` },
      body: JSON.stringify({ text: 'Sounds good' }),
    });
    if (response.status !== 202) throw new Error(`reply ${message.id}: ${response.status} ${await response.text()}`);
  });
  const seen = await waitFor('every run past its wait', async () => {
    const rows = (await db.query(
      `SELECT enrollment_id, ended_at FROM flow_step_runs
       WHERE enrollment_id = ANY($1::uuid[]) AND node_id = 'await' AND ended_at IS NOT NULL`,
      [enrollmentIds],
    )) as Array<{ enrollment_id: string; ended_at: Date }>;
    return rows.length >= messages.length ? rows : undefined;
  });
  return summarizeLatencies(seen.map((row) => row.ended_at.getTime() - sentAt.get(row.enrollment_id)!));
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(`starting Temporal, PostgreSQL and Redis (${os.cpus().length} CPUs)`);
  const services: Provisioned[] = [];
  const release = () => Promise.all(services.splice(0).map((service) => service.release()));
  process.once('SIGINT', () => void release().finally(() => process.exit(130)));
  let platform: MessagingPlatform | null = null;
  try {
    const [temporal, postgres, redis] = await Promise.all([
      provisionTemporal(process.env),
      provisionPostgres(process.env),
      provisionRedis(process.env),
    ]);
    services.push(temporal, postgres, redis);
    // The harness's platform (API + worker + sink) reads its services from these.
    process.env[TEST_SERVICES.temporal.addressVar] = temporal.address;
    process.env[TEST_SERVICES.postgres.addressVar] = postgres.address;
    process.env[TEST_SERVICES.redis.addressVar] = redis.address;
    platform = await startMessagingPlatform('bench', {
      SINK_DAILY_LIMIT: '100000000',
      SINK_PER_MINUTE_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
    });

    log(`warm-up: ${SEQUENCES * 10} messages through the flows, 20 straight to the sink`);
    await smtpFlows(platform, SEQUENCES * 10);
    await runBounded(range(20), 4, async (i) => {
      const raw = await composeEmail({
        from: { name: null, address: 'warm@cadenza.local' },
        to: 'warm@example.com',
        subject: 'warm',
        html: '<p>warm</p>',
        text: 'warm',
        rfcMessageId: `${randomUUID()}.${i}@bench.test`,
        idempotencyKey: randomUUID(),
        unsubscribeUrl: null,
      });
      await sendOverSmtp(
        { host: '127.0.0.1', port: platform!.sink.port, secure: false, plain: true },
        { from: 'warm@cadenza.local', to: 'warm@example.com' },
        raw,
        harnessEgress,
      );
    });

    log(`smtp baseline: ${MESSAGES} messages straight to the sink, ${SEQUENCES} senders`);
    const smtpRaw = await smtpBaseline(platform.sink.port);
    log(`smtp flows: ${MESSAGES} enrollments across ${SEQUENCES} sequences`);
    const smtp = await smtpFlows(platform, MESSAGES);
    log(`reply baseline: ${REPLIES} bare workflows signalled at ${REPLY_RATE}/s`);
    const baselineConnection = await NativeConnection.connect({ address: temporal.address });
    const replyRaw = await replyBaseline(platform, baselineConnection).finally(() => baselineConnection.close());
    log(`reply flow: ${REPLIES} replies posted to the API at ${REPLY_RATE}/s`);
    const reply = await replyFlow(platform);

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    console.log('\nSMTP path, four senders / sequences at once:');
    console.log(`  baseline (compose + SMTP to the sink)   ${smtpRaw.perSecond} messages/s (${smtpRaw.seconds} s)`);
    console.log(`  Cadenza flows (enroll -> send_email)     ${smtp.perSecond} messages/s (${smtp.seconds} s)`);
    console.log(`  flows / baseline: ${ratio(smtp.perSecond, smtpRaw.perSecond)}`);
    console.log('\nreply intake to the run seeing it (ms):');
    console.log(`  baseline (bare signal)   p50 ${replyRaw.p50Ms}  p95 ${replyRaw.p95Ms}  max ${replyRaw.maxMs}`);
    console.log(`  Cadenza (POST reply)     p50 ${reply.p50Ms}  p95 ${reply.p95Ms}  max ${reply.maxMs}`);
    console.log(`  p95 Cadenza / baseline: ${ratio(reply.p95Ms, replyRaw.p95Ms)}`);

    const report = {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
      },
      settings: { messages: MESSAGES, replies: REPLIES, replyRatePerSecond: REPLY_RATE, sequences: SEQUENCES },
      smtp: { baseline: smtpRaw, flows: smtp, ratio: ratio(smtp.perSecond, smtpRaw.perSecond) },
      reply: { baseline: replyRaw, flow: reply, p95Ratio: ratio(reply.p95Ms, replyRaw.p95Ms) },
    };
    const dir = path.resolve(__dirname, '..', process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'messaging.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path.join(dir, 'messaging.json')}`);
  } finally {
    await platform?.stop();
    await release();
  }
}

// Exits when done: the worker's throttle connection to Redis reconnects forever once Redis is released.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
