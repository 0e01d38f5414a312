import { activitySettingsFromEnv } from '@cadenza/activities';
/**
 * Flow engine throughput next to raw Temporal, on the same server, in the same run.
 *
 *   npx tsx bench/flow-throughput.ts          (BENCH_RUNS=400, BENCH_START_CONCURRENCY=64)
 *
 * Starts its own Temporal dev server and PostgreSQL exactly as the test harness does (or
 * uses TEST_TEMPORAL_ADDRESS / TEST_DATABASE_URL), then measures:
 *   baseline: a workflow of three no-op activities, BENCH_RUNS started concurrently;
 *   local:    the same with three no-op local activities (like for like: the flow's
 *             database-only steps are local activities);
 *   flow:     BENCH_RUNS contacts enrolled (enrollContact) in a published flow
 *             add_tag -> update_field -> remove_tag, on the real Cadenza worker.
 * Both workers use BENCH_WORKER_TUNING. Results go to stdout and .data/bench/flow-throughput.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createDataSource } from '@cadenza/data';
import type { PayloadKeySource } from '@cadenza/core';
import { createCrmFlowPort, enrollContact } from '@cadenza/services/flow';
import { cadenzaClient, cadenzaDataConverter, runSearchAttributeKeys } from '@cadenza/temporal';
import { testPayloadKeys } from '@cadenza/test-harness/payload-keys';
import { provisionPostgres, provisionTemporal, type Provisioned } from '@cadenza/test-harness/provision';
import { adminOfNewTenant, flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { createWorker } from '../workers/src/create-worker';
import { activityMetricsInterceptor, createWorkerMetrics } from '../workers/src/observability/worker-metrics';
import { activityProfile } from './activity-profile';
import { baselineActivities } from './baseline/baseline-activities';
import { formatTable, ratesOf, type PhaseResult } from './bench-report';
import { startWaitSampler } from './pg-wait-sampler';
import { cpuBetween, cpuOfTree, cpuPerExecution } from './process-cpu';
import { runBounded } from './run-bounded';
import { waitForClosed } from './wait-for-closed';
import { codecOverhead, MAX_CODEC_RATIO } from './codec-overhead';
import { BENCH_DB_POOL_SIZE, BENCH_WORKER_TUNING } from './worker-tuning';

const RUNS = Number(process.env.BENCH_RUNS ?? 400);
const START_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 64);
const WARM_UP_RUNS = 50;
const CLOSE_DEADLINE_MS = 60_000;
const STEPS_PER_RUN = 3;
const TARGET_EXECUTIONS_PER_SECOND = 220;
const TARGET_RATIO = 0.7;

const log = (message: string) => console.log(`[bench] ${message}`);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Starts `runs` runs through `start`, then waits for `query` to report them all closed. */
async function measure(
  client: Client,
  runs: number,
  query: string,
  start: (index: number) => Promise<void>,
): Promise<PhaseResult & { cpu: ReturnType<typeof cpuPerExecution> }> {
  const cpuBefore = cpuOfTree();
  const begin = Date.now();
  await runBounded(range(runs), START_CONCURRENCY, start);
  const started = Date.now();
  const closed = await waitForClosed(client, query, runs, CLOSE_DEADLINE_MS);
  const end = closed.lastCloseMs ?? Date.now();
  const cpu = cpuPerExecution(cpuBetween(cpuBefore, cpuOfTree()), closed.completed);
  return {
    cpu,
    runs,
    stepsPerRun: STEPS_PER_RUN,
    completed: closed.completed,
    notCompleted: runs - closed.completed,
    startSeconds: (started - begin) / 1000,
    totalSeconds: (end - begin) / 1000,
  };
}

async function baselinePhase(
  plainClient: Client,
  connection: NativeConnection,
  workflowType: 'baselineWorkflow' | 'localBaselineWorkflow' = 'baselineWorkflow',
  /** With keys: the same runs with every payload encrypted (the codec's own cost). */
  payloadKeys?: PayloadKeySource,
) {
  const taskQueue = `bench-${workflowType}${payloadKeys ? '-codec' : ''}-${Date.now()}`;
  const metrics = createWorkerMetrics();
  const client = payloadKeys
    ? cadenzaClient({ connection: plainClient.connection, namespace: 'default', payloadKeys })
    : plainClient;
  const worker = await Worker.create({
    connection,
    taskQueue,
    ...(payloadKeys ? { dataConverter: cadenzaDataConverter(payloadKeys) } : {}),
    workflowsPath: require.resolve('./baseline/baseline-workflow'),
    activities: baselineActivities,
    interceptors: { activity: [activityMetricsInterceptor(metrics)] },
    ...BENCH_WORKER_TUNING,
  });
  const running = worker.run();
  try {
    // The search attributes mirror what an enrollment sets, so both starts carry the same weight.
    const batch = (name: string) => (index: number) =>
      client.workflow
        .start(workflowType, {
          taskQueue,
          workflowId: `${taskQueue}-${name}-${index}`,
          typedSearchAttributes: [
            { key: runSearchAttributeKeys.TenantId, value: 'bench' },
            { key: runSearchAttributeKeys.FlowId, value: `${taskQueue}-${name}` },
            { key: runSearchAttributeKeys.FlowVersion, value: 1 },
            { key: runSearchAttributeKeys.LeadId, value: String(index) },
            { key: runSearchAttributeKeys.NodeId, value: 'start' },
            { key: runSearchAttributeKeys.RunKind, value: 'bench' },
          ],
        })
        .then(() => undefined);
    const byBatch = (name: string) => `FlowId = "${taskQueue}-${name}"`;
    await measure(client, WARM_UP_RUNS, byBatch('warm'), batch('warm'));
    const phase = await measure(client, RUNS, byBatch('measured'), batch('measured'));
    return { phase, profile: await activityProfile(metrics) };
  } finally {
    worker.shutdown();
    await running;
  }
}

async function flowPhase(plainClient: Client, connection: NativeConnection, databaseUrl: string) {
  const taskQueue = `bench-flow-${Date.now()}`;
  // The worker's pool, and a separate one for enrollments (the API's side in production).
  const workerDb = await createDataSource({ url: databaseUrl, poolSize: BENCH_DB_POOL_SIZE }).initialize();
  const apiDb = await createDataSource({ url: databaseUrl, poolSize: 10 }).initialize();
  const metrics = createWorkerMetrics();
  // Encrypted as in production: the API side's client and the worker each with their own key ring.
  const client = cadenzaClient({
    connection: plainClient.connection,
    namespace: 'default',
    payloadKeys: testPayloadKeys(apiDb),
  });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    db: workerDb,
    payloadKeys: testPayloadKeys(workerDb),
    settings: activitySettingsFromEnv(),
    tuning: BENCH_WORKER_TUNING,
    interceptors: { activity: [activityMetricsInterceptor(metrics)] },
  });
  const running = worker.run();
  try {
    const admin = await adminOfNewTenant(apiDb, 'Benchmark');
    const definition = flowOf(
      [
        { id: 'tag', type: 'add_tag', settings: { tag: 'bench' } },
        { id: 'stage', type: 'update_field', settings: { field: 'lifecycleStage', value: 'lead' } },
        { id: 'untag', type: 'remove_tag', settings: { tag: 'bench' } },
      ],
      [
        ['start', 'tag'],
        ['tag', 'stage'],
        ['stage', 'untag'],
      ],
    );
    const contactsFor = async (count: number) => {
      const ids: string[] = [];
      await runBounded(range(count), 16, async (i) => {
        ids.push(await newContact(apiDb, admin, { email: `bench-${Date.now()}-${i}@example.com` }));
      });
      return ids;
    };
    const deps = { db: apiDb, temporal: client, taskQueue, crm: createCrmFlowPort(apiDb) };
    const batch = async (name: string, count: number) => {
      const flow = await publishedFlow(apiDb, admin, definition, `Bench ${name}`);
      const contacts = await contactsFor(count);
      return measure(client, count, `FlowId = "${flow.flowId}"`, async (index) => {
        const outcome = await enrollContact(deps, {
          tenantId: admin.tenantId,
          flowId: flow.flowId,
          contactId: contacts[index]!,
          source: 'bench',
        });
        if (outcome.status !== 'started') throw new Error(`enrollment ${index}: ${outcome.status}`);
      });
    };
    await batch('warm', WARM_UP_RUNS);
    const stopSampling = startWaitSampler(apiDb);
    const phase = await batch('measured', RUNS);
    return { phase, profile: await activityProfile(metrics), database: await stopSampling() };
  } finally {
    worker.shutdown();
    await running;
    await workerDb.destroy();
    await apiDb.destroy();
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(`starting Temporal and PostgreSQL (${os.cpus().length} CPUs)`);
  const services: Provisioned[] = [];
  const release = () => Promise.all(services.splice(0).map((service) => service.release()));
  process.once('SIGINT', () => void release().finally(() => process.exit(130)));
  try {
    const [temporal, postgres] = await Promise.all([provisionTemporal(process.env), provisionPostgres(process.env)]);
    services.push(temporal, postgres);
    const clientConnection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection: clientConnection });
    const workerConnection = await NativeConnection.connect({ address: temporal.address });

    log(`baseline: ${RUNS} runs of 3 no-op activities`);
    const baseline = await baselinePhase(client, workerConnection);
    log(`local baseline: ${RUNS} runs of 3 no-op local activities`);
    const localBaseline = await baselinePhase(client, workerConnection, 'localBaselineWorkflow');
    log(`baseline with the payload codec: ${RUNS} runs of 3 no-op activities, every payload encrypted`);
    const keysDb = await createDataSource({ url: postgres.address, poolSize: 2 }).initialize();
    const codecBaseline = await baselinePhase(client, workerConnection, 'baselineWorkflow', testPayloadKeys(keysDb));
    await keysDb.destroy();
    log(`flow: ${RUNS} enrollments in add_tag -> update_field -> remove_tag`);
    const flow = await flowPhase(client, workerConnection, postgres.address);
    await workerConnection.close();
    await clientConnection.close();

    const baselineRates = ratesOf(baseline.phase);
    const flowRates = ratesOf(flow.phase);
    const localBaselineRates = ratesOf(localBaseline.phase);
    const ratio = Math.round((flowRates.executionsPerSecond / baselineRates.executionsPerSecond) * 100) / 100;
    const localRatio = Math.round((flowRates.executionsPerSecond / localBaselineRates.executionsPerSecond) * 100) / 100;
    console.log(
      `\n${formatTable([
        { label: 'baseline (raw Temporal)', phase: baseline.phase, rates: baselineRates },
        { label: 'baseline, local activities', phase: localBaseline.phase, rates: localBaselineRates },
        { label: 'baseline, payload codec', phase: codecBaseline.phase, rates: ratesOf(codecBaseline.phase) },
        { label: 'Cadenza flow', phase: flow.phase, rates: flowRates },
      ])}\n`,
    );
    console.log('starts/s for the flow = enrollments/s (enrollContact: flow version read, contact read, start)');
    console.log(`flow / baseline executions/s: ${ratio} (target >= ${TARGET_RATIO})`);
    // The flow's database-only steps are local activities; against raw Temporal doing the same, no target applies.
    console.log(`flow / local-activity baseline executions/s: ${localRatio} (like for like, no target)`);
    console.log(`flow executions/s: ${flowRates.executionsPerSecond} (target >= ${TARGET_EXECUTIONS_PER_SECOND})`);
    console.log('\nmean activity execution time on the worker (ms):');
    for (const row of [...baseline.profile, ...flow.profile]) {
      console.log(`  ${row.activityType.padEnd(22)} ${String(row.count).padStart(6)}  ${row.meanMs}`);
    }

    // Load-independent: what one execution costs each program. When the cores are full the
    // rate is about (cores / total), so these ratios bound the flow/baseline ratio.
    console.log('\nCPU per execution (ms; node = this process: client, workers, API side):');
    for (const [label, phase] of [
      ['baseline', baseline.phase],
      ['local', localBaseline.phase],
      ['codec', codecBaseline.phase],
      ['flow', flow.phase],
    ] as const) {
      console.log(`  ${label.padEnd(9)} ${phase.cpu.map((row) => `${row.program} ${row.ms}`).join(', ')}`);
    }
    const codecCost = codecOverhead(baseline.phase, codecBaseline.phase);
    console.log(
      `payload codec: node CPU per execution ${codecCost.withoutMs} -> ${codecCost.withMs} ms (x${codecCost.ratio}, target <= ${MAX_CODEC_RATIO})`,
    );

    console.log('\nwhere PostgreSQL sessions spent the flow phase (share of sampled session time):');
    for (const row of flow.database) console.log(`  ${String(row.share).padStart(5)}%  ${row.what}`);

    const report = {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? null,
        node: process.version,
        // Other work on the box skews every figure; the load average says how much there was.
        loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
      },
      settings: {
        runs: RUNS,
        warmUpRuns: WARM_UP_RUNS,
        startConcurrency: START_CONCURRENCY,
        stepsPerRun: STEPS_PER_RUN,
      },
      workerTuning: { ...BENCH_WORKER_TUNING, dbPoolSize: BENCH_DB_POOL_SIZE },
      baseline: { ...baseline.phase, ...baselineRates, activities: baseline.profile },
      localBaseline: { ...localBaseline.phase, ...localBaselineRates },
      codecBaseline: { ...codecBaseline.phase, ...ratesOf(codecBaseline.phase), codecCost },
      flow: {
        ...flow.phase,
        ...flowRates,
        enrollmentsPerSecond: flowRates.startsPerSecond,
        activities: flow.profile,
        databaseTime: flow.database,
      },
      ratio,
      ratioToLocalBaseline: localRatio,
      targets: {
        executionsPerSecond: TARGET_EXECUTIONS_PER_SECOND,
        ratio: TARGET_RATIO,
        met: flowRates.executionsPerSecond >= TARGET_EXECUTIONS_PER_SECOND && ratio >= TARGET_RATIO,
      },
    };
    const dir = path.resolve(__dirname, '..', process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'flow-throughput.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path.join(dir, 'flow-throughput.json')}`);
  } finally {
    await release();
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exit(1);
});
