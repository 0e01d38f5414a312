import { randomBytes, randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { cadenzaClient } from '@cadenza/temporal';
import { testPayloadKeys } from '@cadenza/test-harness/payload-keys';
import { createContact, createDataSource, createTenant, type DataSource } from '@cadenza/data';
import { createCrmFlowPort, enrollContact } from '@cadenza/services/flow';
import { startSmtpSink } from '@cadenza/services/messaging';
import type { Principal } from '@cadenza/core';
import { flowOf, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { startWorkerProcess, type WorkerProcess } from '@cadenza/test-harness/worker-process';
import type { DrillServices } from './drill-services';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';

/** The five-step sequence every enrollment drill runs: two emails between tag and field steps. */
export const STEPS = ['tag', 'mail1', 'field', 'mail2', 'done'] as const;
const EMAIL_STEPS = ['mail1', 'mail2'];

const sequence = () =>
  flowOf(
    [
      { id: 'tag', type: 'add_tag', settings: { tag: 'drilled' } },
      { id: 'mail1', type: 'send_email', settings: { subject: 'mail1 for {{contact.email}}', body: '<p>one</p>' } },
      { id: 'field', type: 'update_field', settings: { field: 'lifecycleStage', value: 'opportunity' } },
      { id: 'mail2', type: 'send_email', settings: { subject: 'mail2 for {{contact.email}}', body: '<p>two</p>' } },
      { id: 'done', type: 'add_tag', settings: { tag: 'drilled_done' } },
    ],
    [
      ['start', 'tag'],
      ['tag', 'mail1'],
      ['mail1', 'field'],
      ['field', 'mail2'],
      ['mail2', 'done'],
    ],
  );

export interface EnrollmentDrillContext {
  services: DrillServices;
  /** Resolves once every enrollment has started; outages of the services enrollment needs wait for it. */
  enrolled: Promise<void>;
  /** Fraction of all expected steps recorded so far (0..1), read from the projection. */
  progress: () => Promise<number>;
  /** SMTP deliveries the sink has accepted so far, resends included. */
  emailsDelivered: () => number;
  /** SIGKILLs the current worker and starts a new one; resolves when the new one polls. */
  replaceWorker: () => Promise<void>;
  log: (line: string) => void;
}

export interface EnrollmentDrillResult {
  enrollments: number;
  completed: number;
  seconds: number;
  workersStarted: number;
  expectedSteps: number;
  stepRowsCompleted: number;
  missingSteps: number;
  duplicateStepRows: number;
  expectedEmails: number;
  emailsStored: number;
  duplicatesByMessageId: number;
  duplicatesByRecipientAndStep: number;
  missingEmails: number;
  /** SMTP deliveries of an already stored Message-ID: resends the sink absorbed (reported, not failures). */
  smtpResends: number;
  failures: string[];
}

/**
 * Enrolls `count` contacts into the five-step sequence on a worker process of its own, lets
 * `disrupt` break things while runs are in flight, then compares the projection and the SMTP
 * sink with the exact expected set.
 */
export async function runEnrollmentDrill(
  services: DrillServices,
  count: number,
  disrupt: (context: EnrollmentDrillContext) => Promise<void>,
  log: (line: string) => void,
): Promise<EnrollmentDrillResult> {
  const db = await createDataSource({ url: services.databaseUrl, poolSize: 8 }).initialize();
  const sinkDb = await createDataSource({ url: services.databaseUrl, poolSize: 4 }).initialize();
  // Every SMTP delivery, before the sink's own de-duplication, so resends can be counted.
  const delivered = new Map<string, number>();
  const query = sinkDb.query.bind(sinkDb);
  sinkDb.query = ((sql: string, params?: unknown[]) => {
    if (sql.includes('INSERT INTO smtp_sink_messages') && params) {
      const id = String(params[0]);
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
    }
    return query(sql, params);
  }) as typeof sinkDb.query;
  const sink = await startSmtpSink({ db: sinkDb, port: 0 });
  Object.assign(process.env, {
    CADENZA_SECRET_KEY: process.env.CADENZA_SECRET_KEY ?? randomBytes(32).toString('hex'),
    SMTP_SINK_PORT: String(sink.port),
    SINK_DAILY_LIMIT: '1000000',
    SINK_PER_MINUTE_LIMIT: '1000000',
    REDIS_URL: services.redisUrl,
    PUBLIC_BASE_URL: 'https://cadenza.test',
  });
  // The sink is on loopback, which the egress guard refuses unless allowed: allow exactly it.
  allowEgressTo(sink.port);
  const connection = await Connection.connect({ address: services.temporalAddress });
  const client = cadenzaClient({ connection, namespace: 'default', payloadKeys: testPayloadKeys(db) });
  const taskQueue = `drill-${randomUUID()}`;
  const workers: WorkerProcess[] = [];
  const spawnWorker = async () => {
    const worker = await startWorkerProcess({
      DATABASE_URL: services.databaseUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    workers.push(worker);
    await worker.ready;
    return worker;
  };
  try {
    const tenant = await createTenant(db, `Drill ${taskQueue}`);
    const admin: Principal = { tenantId: tenant.id, userId: null, role: 'admin', via: 'api_key' };
    const flow = await publishedFlow(db, admin, sequence(), 'Drill sequence');
    const emails: string[] = [];
    const contactIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `drill-${i}-${randomUUID().slice(0, 8)}@example.com`;
      emails.push(email);
      contactIds.push((await createContact(db, admin, { firstName: 'Drill', email })).id);
    }
    let current = await spawnWorker();
    const started = Date.now();
    const deps = { db, temporal: client, taskQueue, crm: createCrmFlowPort(db) };
    const expectedSteps = count * STEPS.length;
    const enrolling = enrollAll(deps, admin.tenantId, flow.flowId, contactIds);
    const context: EnrollmentDrillContext = {
      services,
      enrolled: enrolling.then(() => undefined),
      log,
      progress: async () => {
        const [row] = (await db.query(`SELECT count(*)::int AS n FROM flow_step_runs WHERE tenant_id = $1`, [
          admin.tenantId,
        ])) as Array<{ n: number }>;
        return row!.n / expectedSteps;
      },
      emailsDelivered: () => [...delivered.values()].reduce((sum, n) => sum + n, 0),
      replaceWorker: async () => {
        current.kill();
        await current.exited;
        current = await spawnWorker();
      },
    };
    // Enrolling and breaking run side by side: strikes land while runs are still being started too.
    const [enrollments] = await Promise.all([enrolling, disrupt(context)]);
    const results = await Promise.allSettled(
      enrollments.map((e) => client.workflow.getHandle(e.workflowId).result() as Promise<{ status: string }>),
    );
    const seconds = (Date.now() - started) / 1000;
    // A run that failed is a drill failure to explain, not a crash that hides the other figures.
    const runFailures = results.flatMap((r) => (r.status === 'rejected' ? [failureChain(r.reason)] : []));
    const verified = await verify(db, admin.tenantId, emails, delivered);
    if (runFailures.length) {
      verified.failures.push(
        `${runFailures.length} runs failed, e.g.: ${[...new Set(runFailures)].slice(0, 3).join(' | ')}`,
      );
    }
    return {
      ...verified,
      enrollments: count,
      completed: results.filter((r) => r.status === 'fulfilled' && r.value.status === 'completed').length,
      seconds,
      workersStarted: workers.length,
    };
  } finally {
    for (const worker of workers) worker.kill();
    await Promise.all(workers.map((worker) => worker.exited));
    await connection.close();
    await sink.close();
    await sinkDb.destroy().catch(() => undefined);
    await db.destroy().catch(() => undefined);
  }
}

/** "failed: activity failed: cause" down the Temporal failure's cause chain. */
function failureChain(error: unknown): string {
  const parts: string[] = [];
  for (
    let e = error as { message?: string; cause?: unknown } | undefined;
    e && parts.length < 5;
    e = e.cause as typeof e
  ) {
    if (e.message) parts.push(e.message);
  }
  return parts.join(': ');
}

const ENROLL_CONCURRENCY = 16;

async function enrollAll(
  deps: Parameters<typeof enrollContact>[0],
  tenantId: string,
  flowId: string,
  contactIds: string[],
): Promise<Array<{ workflowId: string }>> {
  const out: Array<{ workflowId: string }> = [];
  let next = 0;
  const lane = async () => {
    while (next < contactIds.length) {
      const contactId = contactIds[next++]!;
      const outcome = await enrollContact(deps, { tenantId, flowId, contactId, source: 'test' });
      if (outcome.status !== 'started') throw new Error(`enrollment of ${contactId}: ${outcome.status}`);
      out.push(outcome);
    }
  };
  await Promise.all(Array.from({ length: ENROLL_CONCURRENCY }, lane));
  return out;
}

async function verify(db: DataSource, tenantId: string, emails: string[], delivered: Map<string, number>) {
  const failures: string[] = [];
  const steps = (await db.query(
    `SELECT r.enrollment_id, s.node_id, s.status, count(*)::int AS n
     FROM flow_runs r LEFT JOIN flow_step_runs s ON s.enrollment_id = r.enrollment_id
     WHERE r.tenant_id = $1 GROUP BY 1, 2, 3`,
    [tenantId],
  )) as Array<{ enrollment_id: string; node_id: string | null; status: string | null; n: number }>;
  const byRun = new Map<string, Set<string>>();
  let duplicateStepRows = 0;
  let stepRowsCompleted = 0;
  for (const row of steps) {
    const set = byRun.get(row.enrollment_id) ?? new Set<string>();
    byRun.set(row.enrollment_id, set);
    if (row.node_id && row.status === 'completed') {
      set.add(row.node_id);
      stepRowsCompleted += row.n;
      duplicateStepRows += row.n - 1;
    }
  }
  let missingSteps = 0;
  for (const set of byRun.values()) missingSteps += STEPS.filter((step) => !set.has(step)).length;
  missingSteps += (emails.length - byRun.size) * STEPS.length;

  const sink = (await db.query(
    `SELECT message_id, envelope_to[1] AS recipient, split_part(subject, ' ', 1) AS step
     FROM smtp_sink_messages WHERE envelope_to[1] = ANY($1)`,
    [emails],
  )) as Array<{ message_id: string; recipient: string; step: string }>;
  const count = (keys: string[]) => keys.length - new Set(keys).size;
  const duplicatesByMessageId = count(sink.map((m) => m.message_id));
  const duplicatesByRecipientAndStep = count(sink.map((m) => `${m.recipient}|${m.step}`));
  const got = new Set(sink.map((m) => `${m.recipient}|${m.step}`));
  const missingEmails = emails.flatMap((e) => EMAIL_STEPS.map((s) => `${e}|${s}`)).filter((k) => !got.has(k)).length;
  const ours = new Set(sink.map((m) => m.message_id));
  let smtpResends = 0;
  for (const [id, n] of delivered) if (ours.has(id)) smtpResends += n - 1;

  if (missingSteps) failures.push(`${missingSteps} steps missing from flow_step_runs`);
  if (duplicateStepRows) failures.push(`${duplicateStepRows} duplicate step rows`);
  if (duplicatesByMessageId) failures.push(`${duplicatesByMessageId} duplicate emails by Message-ID`);
  if (duplicatesByRecipientAndStep) failures.push(`${duplicatesByRecipientAndStep} duplicate emails by recipient+step`);
  if (missingEmails) failures.push(`${missingEmails} emails missing from the sink`);
  return {
    expectedSteps: emails.length * STEPS.length,
    stepRowsCompleted,
    missingSteps,
    duplicateStepRows,
    expectedEmails: emails.length * EMAIL_STEPS.length,
    emailsStored: sink.length,
    duplicatesByMessageId,
    duplicatesByRecipientAndStep,
    missingEmails,
    smtpResends,
    failures,
  };
}
