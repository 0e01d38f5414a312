/**
 * `npm start`: brings up the whole platform on one machine and supervises it.
 * Temporal, PostgreSQL and Redis start locally unless their URLs are given; then
 * migrations run, the worker and the API start, and a smoke workflow checks the chain.
 * Ctrl-C stops everything, the services last.
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ConfigError, DEFAULT_TASK_QUEUE, type SmokeRunView } from '@cadenza/core';
import { createLocalKeyWrapper } from '@cadenza/services/privacy';
import { REPO_ROOT, ensureSearchAttributes, temporalConnectionOptions } from '@cadenza/temporal';
import {
  createDataSource,
  ensureTenant,
  ensureTenantAdmin,
  parseSecretKey,
  registerApiKey,
  runMigrations,
  type DataSource,
} from '@cadenza/data';
import {
  launcherEgressAllow,
  loadLauncherConfig,
  portsToClaim,
  temporalSecurityEnv,
  type LauncherConfig,
} from './launcher-config';
import { ManagedProcess } from './services/managed-process';
import { freePort, takenPortMessages } from './services/ports';
import { startTemporalUiProxy, UI_CODEC_PATH } from './services/temporal-ui-proxy';
import { startLocalTemporal } from './services/local-temporal';
import { embeddedPostgresPassword, embeddedPostgresUrl } from './services/embedded-postgres-password';
import { ensureDatabase, withDatabase, withPgClient } from './services/postgres-admin';
import { startLocalRedis } from './services/local-redis';
import { startLocalDovecot } from './services/local-dovecot';
import { pingRedis } from './services/redis-ping';
import { waitUntil } from './services/wait-until';
import {
  DEV_SECRET_FILES,
  loadOrCreateDevAdminPassword,
  loadOrCreateDevApiKey,
  loadOrCreateDevSecretKey,
  loadOrCreateLocalMailboxPassword,
} from './dev-secrets';
import { launcherBanner } from './launcher-banner';
import { ensurePrivateDir } from './secret-file';
import { approveDemoInBackground, enrollDemo, listenToDemo, seedDemoOnFirstStart, wantsDemo } from './demo/demo-launch';

const say = (message: string) => console.log(`[cadenza] ${message}`);
const DEV_TENANT = 'Development workspace';
const DEV_ADMIN_EMAIL = 'admin@cadenza.local';

interface Stoppable {
  name: string;
  stop: () => Promise<void>;
  halt?: () => void;
}

/** Everything started so far, stopped in reverse order on shutdown or failure. */
const started: Stoppable[] = [];

async function startTemporal(config: LauncherConfig): Promise<string> {
  if (config.TEMPORAL_ADDRESS) return config.TEMPORAL_ADDRESS;
  say('starting the Temporal dev server');
  // People reach the UI through a proxy on TEMPORAL_UI_PORT that also serves its codec calls from
  // the API: payloads show decoded to a signed-in ops user or admin, ciphertext to anyone else.
  const uiPort = await freePort();
  const temporal = await startLocalTemporal({
    dataDir: path.join(config.CADENZA_DATA_DIR, 'temporal'),
    port: config.TEMPORAL_PORT,
    uiPort,
    uiCodecEndpoint: `http://localhost:${config.TEMPORAL_UI_PORT}${UI_CODEC_PATH}`,
    namespace: config.TEMPORAL_NAMESPACE,
  });
  started.push({
    name: 'temporal',
    stop: () => temporal.process.stop(15_000),
    halt: () => temporal.process.halt(),
  });
  const uiProxy = await startTemporalUiProxy({ port: config.TEMPORAL_UI_PORT, uiPort, apiPort: config.PORT });
  started.push({
    name: 'temporal-ui-proxy',
    stop: () => new Promise((resolve) => uiProxy.close(() => resolve())),
  });
  return temporal.address;
}

async function registerSearchAttributes(config: LauncherConfig, address: string): Promise<void> {
  const namespace = config.TEMPORAL_NAMESPACE;
  // Only an external cluster (TEMPORAL_ADDRESS given) can need TLS or an API key; the dev server is plaintext.
  const security = config.TEMPORAL_ADDRESS ? temporalConnectionOptions('launcher', address, config) : { address };
  const connection = await Connection.connect({
    ...security,
    connectTimeout: 5000,
  }).catch((error: Error) => {
    throw new Error(`Temporal at ${address} is unreachable (TEMPORAL_ADDRESS): ${error.message}`);
  });
  try {
    const added = await ensureSearchAttributes(connection, namespace);
    if (added.length) say(`registered search attributes: ${added.join(', ')}`);
  } finally {
    await connection.close();
  }
}

async function startPostgres(config: LauncherConfig): Promise<string> {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  say('starting the embedded PostgreSQL');
  const dir = path.join(config.CADENZA_DATA_DIR, 'postgres');
  const serverUrl = embeddedPostgresUrl(embeddedPostgresPassword(dir), config.CADENZA_PG_PORT);
  startNodeProcess('postgres', 'scripts/services/embedded-postgres-process.ts', {
    CADENZA_PG_DIR: dir,
    CADENZA_PG_PORT: String(config.CADENZA_PG_PORT),
  });
  // The first start runs initdb, which takes a while on a cold disk.
  await waitUntil(
    'embedded PostgreSQL',
    () => withPgClient(serverUrl, (client) => client.query('SELECT 1'), 1000).then(() => true),
    {
      timeoutMs: 120_000,
      intervalMs: 500,
    },
  );
  await ensureDatabase(serverUrl, 'cadenza');
  return withDatabase(serverUrl, 'cadenza');
}

async function startRedis(config: LauncherConfig): Promise<string> {
  if (config.REDIS_URL) {
    await pingRedis(config.REDIS_URL).catch((error: Error) => {
      throw new Error(`${error.message} (REDIS_URL)`);
    });
    return config.REDIS_URL;
  }
  say('starting redis-server');
  const redis = await startLocalRedis({
    port: config.CADENZA_REDIS_PORT,
    dataDir: path.join(config.CADENZA_DATA_DIR, 'redis'),
    restart: true,
  });
  started.push({
    name: 'redis',
    stop: () => redis.process.stop(5000),
    halt: () => redis.process.halt(),
  });
  return redis.url;
}

/** The local IMAP server: every address is a mailbox there, read by the mailbox sync (issue 21). */
async function startImap(config: LauncherConfig): Promise<string> {
  say('starting dovecot (local IMAP)');
  // As root, Dovecot's mail and login processes run as its own users, which cannot enter the private
  // data folder (700): their mailboxes then live in /var/lib/cadenza, one folder per port.
  const dataDir =
    process.getuid?.() === 0
      ? path.join('/var/lib/cadenza', `dovecot-${config.CADENZA_IMAP_PORT}`)
      : path.join(config.CADENZA_DATA_DIR, 'dovecot');
  const dovecot = await startLocalDovecot({
    port: config.CADENZA_IMAP_PORT,
    dataDir,
    password: loadOrCreateLocalMailboxPassword(config.CADENZA_DATA_DIR),
    restart: true,
  });
  started.push({
    name: 'dovecot',
    stop: () => dovecot.process.stop(5000),
    halt: () => dovecot.process.halt(),
  });
  return dovecot.url;
}

/** The development tenant with its API key and admin sign-in, made once and found again on later starts. */
async function seedDevTenant(databaseUrl: string, dataDir: string): Promise<{ apiKey: string }> {
  const db: DataSource = await createDataSource({ url: databaseUrl, poolSize: 1 }).initialize();
  try {
    const tenant = await ensureTenant(db, DEV_TENANT);
    const apiKey = loadOrCreateDevApiKey(dataDir);
    await registerApiKey(db, tenant.id, 'launcher development key', apiKey);
    const adminPassword = loadOrCreateDevAdminPassword(dataDir);
    await ensureTenantAdmin(db, {
      tenantId: tenant.id,
      email: DEV_ADMIN_EMAIL,
      password: adminPassword,
      name: 'Development admin',
    });
    return { apiKey };
  } finally {
    await db.destroy();
  }
}

function startNodeProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ManagedProcess {
  const child = new ManagedProcess({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    restart: true,
  }).start();
  started.push({
    name,
    stop: () => child.stop(15_000),
    halt: () => child.halt(),
  });
  return child;
}

async function runSelfCheck(apiUrl: string, apiKey: string): Promise<SmokeRunView> {
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${apiKey}`,
  };
  const response = await fetch(`${apiUrl}/api/v1/smoke-runs`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      message: `launcher self-check ${new Date().toISOString()}`,
    }),
  });
  if (response.status !== 202)
    throw new Error(`self-check could not start a smoke run: ${response.status} ${await response.text()}`);
  const { workflowId } = (await response.json()) as { workflowId: string };
  return waitUntil(
    'the smoke workflow (is the worker running?)',
    async () => {
      const view = (await (
        await fetch(`${apiUrl}/api/v1/smoke-runs/${encodeURIComponent(workflowId)}`, { headers })
      ).json()) as SmokeRunView;
      return view.status === 'COMPLETED' && view.record ? view : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}

let shuttingDown = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    say('stopping…');
    for (const service of started) service.halt?.();
    for (const service of started.reverse()) {
      await service.stop().catch((error: Error) => say(`${service.name} did not stop cleanly: ${error.message}`));
    }
    say('stopped');
  }
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const launchedAt = performance.now();
  const config = loadLauncherConfig();
  // Secrets and service data live here: closed to other users before anything is written.
  ensurePrivateDir(config.CADENZA_DATA_DIR);
  const taken = await takenPortMessages(portsToClaim(config));
  if (taken.length) throw new Error(taken.join('\n'));

  const [temporalAddress, databaseUrl, redisUrl, imapUrl] = await Promise.all([
    startTemporal(config),
    startPostgres(config),
    startRedis(config),
    startImap(config),
  ]);
  say(
    `local IMAP at ${imapUrl}: every address is a mailbox, its password in ${path.join(config.CADENZA_DATA_DIR, DEV_SECRET_FILES.localMailboxPassword)}`,
  );
  await registerSearchAttributes(config, temporalAddress);
  const applied = await runMigrations(databaseUrl);
  if (applied.length) say(`applied migrations: ${applied.join(', ')}`);
  const { apiKey } = await seedDevTenant(databaseUrl, config.CADENZA_DATA_DIR);
  // Encrypts TOTP and mailbox secrets and wraps the keys of Temporal payloads; development keeps one in the data folder.
  const secretKey = process.env.CADENZA_SECRET_KEY ?? loadOrCreateDevSecretKey(config.CADENZA_DATA_DIR);
  const localMailboxPassword = loadOrCreateLocalMailboxPassword(config.CADENZA_DATA_DIR);
  const withDemo = wantsDemo(config.CADENZA_SKIP_DEMO, process.argv);
  const demoSeedStartedAt = performance.now();
  const demoSeed = withDemo
    ? await seedDemoOnFirstStart(databaseUrl, config.CADENZA_DATA_DIR, {
        sinkPort: config.SMTP_SINK_PORT,
        imapPort: config.CADENZA_IMAP_PORT,
        imapPassword: localMailboxPassword,
        secretKey: parseSecretKey(secretKey),
      })
    : null;
  if (demoSeed) say(`seeded the demo workspace in ${((performance.now() - demoSeedStartedAt) / 1000).toFixed(1)} s`);

  const temporalUiUrl = config.TEMPORAL_UI_URL ?? `http://localhost:${config.TEMPORAL_UI_PORT}`;
  // The launcher's own clients (demo enrollment and approvals) encrypt like the API and worker.
  const kek = createLocalKeyWrapper(parseSecretKey(secretKey));
  const shared = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_UI_URL: temporalUiUrl,
    // The worker and API connect to an external cluster with the same TLS / API key settings.
    ...(config.TEMPORAL_ADDRESS ? temporalSecurityEnv(config) : {}),
    CADENZA_SECRET_KEY: secretKey,
    SMTP_SINK_PORT: String(config.SMTP_SINK_PORT),
    // The egress guard refuses loopback; the sink and the local IMAP server are the local services flows reach.
    CADENZA_EGRESS_ALLOW: launcherEgressAllow(config),
  };
  // The development mail server: flows without a mailbox send here, and the outbox shows it.
  // It also delivers into the local IMAP server: the contacts' mailboxes show what they were sent,
  // and a reply sent to a rep's address reaches the rep's INBOX, which the mailbox sync reads.
  startNodeProcess('smtp-sink', 'scripts/services/smtp-sink-process.ts', {
    DATABASE_URL: databaseUrl,
    SMTP_SINK_PORT: String(config.SMTP_SINK_PORT),
    LOCAL_IMAP_PORT: String(config.CADENZA_IMAP_PORT),
    LOCAL_IMAP_PASSWORD: localMailboxPassword,
  });
  startNodeProcess('worker', 'workers/src/main.ts', shared);
  startNodeProcess('api', 'api/src/main.ts', {
    ...shared,
    PORT: String(config.PORT),
  });

  const apiUrl = `http://127.0.0.1:${config.PORT}`;
  await waitUntil('the API on /ready', async () => (await fetch(`${apiUrl}/ready`)).ok, {
    timeoutMs: 60_000,
    intervalMs: 500,
  });
  const smoke = await runSelfCheck(apiUrl, apiKey);
  const demoTemporal = {
    address: temporalAddress,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    kek,
  };
  // The rep's mailbox reads replies from the local IMAP server from the first email on.
  if (withDemo) {
    const listening = await listenToDemo(databaseUrl, demoTemporal);
    if (listening) say(`demo: ${listening} mailbox(es) read replies from the local IMAP server`);
  }
  // Runs need the worker, which the self-check just proved is polling; only a fresh seed enrolls.
  if (demoSeed) {
    const enrolled = await enrollDemo(databaseUrl, demoTemporal);
    say(
      `demo: ${enrolled.outreach.started} contacts enrolled in the outreach sequence, ${enrolled.aiChain.started} in the AI chain (the worker drafts their emails now)`,
    );
  }
  // Not awaited: the local model writes the drafts in the background; the marketer approves two when they are ready.
  if (withDemo)
    void approveDemoInBackground(
      databaseUrl,
      { address: temporalAddress, namespace: config.TEMPORAL_NAMESPACE, kek },
      say,
    );
  const seconds = ((performance.now() - launchedAt) / 1000).toFixed(1);

  console.log(
    launcherBanner({
      seconds,
      smoke,
      appUrl: `http://localhost:${config.PORT}`,
      temporalUiUrl,
      dataDir: config.CADENZA_DATA_DIR,
      cwd: process.cwd(),
      withDemo,
      devTenant: DEV_TENANT,
      adminEmail: DEV_ADMIN_EMAIL,
    }),
  );
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `[cadenza] could not start: ${error instanceof Error ? error.message : error}`,
  );
  await shutdown(1);
});
