import { Connection, type Client } from '@temporalio/client';
import { cadenzaClient } from '@cadenza/temporal';
import { PayloadKeyRing, type KeyWrapper } from '@cadenza/services/privacy';
import { createDataSource, registerApiKey, type DataSource } from '@cadenza/data';
import { loadOrCreateDemoApiKey } from '../dev-secrets';
import { DEMO_USERS } from './demo-data';
import { OUTREACH_FLOW_NAME } from './demo-flows';
import { DEMO_TENANT_ID, DEMO_TENANT_NAME, seedDemoWorkspace, type DemoSeedResult } from './seed-demo';
import { startDemoRuns } from './demo-enrollments';
import { approveDemoDrafts } from './demo-approvals';
import { ensureDemoMailbox, listenToDemoMailboxes, type LocalMail } from './demo-mailbox';

/** The launcher skips the demo with `npm start -- --no-demo` or CADENZA_SKIP_DEMO=1. */
export const wantsDemo = (skipDemo: boolean, argv: readonly string[]) => !skipDemo && !argv.includes('--no-demo');

/**
 * True once a seed ran to its end: the outreach flow is the last thing it makes. A demo
 * workspace the user has since changed is then left as it is on later starts.
 */
async function demoComplete(databaseUrl: string): Promise<boolean> {
  const db = await createDataSource({ url: databaseUrl, poolSize: 1 }).initialize();
  try {
    const rows = (await db.query(
      `SELECT 1 FROM flows WHERE tenant_id = $1 AND name = $2 AND latest_version IS NOT NULL`,
      [DEMO_TENANT_ID, OUTREACH_FLOW_NAME],
    )) as unknown[];
    return rows.length > 0;
  } finally {
    await db.destroy();
  }
}

/** Seeds the demo workspace unless a complete one is already there; null when nothing was done. */
export async function seedDemoOnFirstStart(
  databaseUrl: string,
  dataDir: string,
  local: LocalMail,
): Promise<DemoSeedResult | null> {
  if (await demoComplete(databaseUrl)) return null;
  return seedDemo(databaseUrl, dataDir, local);
}

/**
 * Seeds (or completes) the demo workspace, gives it the sales rep's local mailbox (sends through
 * the sink, reads replies over IMAP) and registers its API key, kept in the data folder.
 */
export async function seedDemo(databaseUrl: string, dataDir: string, local: LocalMail): Promise<DemoSeedResult> {
  const db = await createDataSource({ url: databaseUrl, poolSize: 8 }).initialize();
  try {
    const result = await seedDemoWorkspace(db);
    await ensureDemoMailbox(db, DEMO_TENANT_ID, local);
    await registerApiKey(db, DEMO_TENANT_ID, 'demo workspace key', loadOrCreateDemoApiKey(dataDir));
    return result;
  } finally {
    await db.destroy();
  }
}

interface DemoTemporal {
  address: string;
  namespace: string;
  taskQueue: string;
  kek: KeyWrapper;
}

/** Runs `work` with a database and a Temporal client that encrypts like the API and worker. */
async function withDemoClient<T>(
  databaseUrl: string,
  temporal: Omit<DemoTemporal, 'taskQueue'>,
  work: (db: DataSource, client: Client) => Promise<T>,
): Promise<T> {
  const db = await createDataSource({ url: databaseUrl, poolSize: 4 }).initialize();
  const connection = await Connection.connect({ address: temporal.address });
  try {
    const client = cadenzaClient({
      connection,
      namespace: temporal.namespace,
      payloadKeys: new PayloadKeyRing({ db, wrapper: temporal.kek }),
    });
    return await work(db, client);
  } finally {
    await connection.close();
    await db.destroy();
  }
}

/** Starts the demo runs; the worker must be polling `taskQueue` already. */
export const enrollDemo = (
  databaseUrl: string,
  temporal: DemoTemporal,
): Promise<Awaited<ReturnType<typeof startDemoRuns>>> =>
  withDemoClient(databaseUrl, temporal, (db, client) => startDemoRuns(db, client, temporal.taskQueue));

/** Starts the sync of the demo's listening mailboxes (every start: it is idempotent); how many. */
export const listenToDemo = (databaseUrl: string, temporal: DemoTemporal): Promise<number> =>
  withDemoClient(databaseUrl, temporal, (db, client) =>
    listenToDemoMailboxes(db, { client, taskQueue: temporal.taskQueue }, DEMO_TENANT_ID),
  );

/**
 * Approves the first two AI drafts as the demo marketer once the worker has written them,
 * without holding up the launcher: the local model takes a minute or so for the six drafts.
 * Runs on every start with the demo on, and does nothing once any draft of the AI flow has
 * been decided, so a start interrupted before the drafts were ready finishes the job the next time.
 * Never throws: it reports through `say`.
 */
export async function approveDemoInBackground(
  databaseUrl: string,
  temporal: { address: string; namespace: string; kek: KeyWrapper },
  say: (message: string) => void,
): Promise<void> {
  let db: DataSource | undefined;
  let connection: Connection | undefined;
  try {
    db = await createDataSource({ url: databaseUrl, poolSize: 2 }).initialize();
    connection = await Connection.connect({ address: temporal.address });
    const startedAt = Date.now();
    const client = cadenzaClient({
      connection,
      namespace: temporal.namespace,
      payloadKeys: new PayloadKeyRing({ db, wrapper: temporal.kek }),
    });
    const result = await approveDemoDrafts(db, client, {
      onFirstDraft: (ms) => say(`demo: the first AI draft is in the approvals inbox (${(ms / 1000).toFixed(1)} s)`),
    });
    if (!result.skipped && result.approved > 0) {
      say(
        `demo: the marketer approved ${result.approved} AI drafts (${((Date.now() - startedAt) / 1000).toFixed(1)} s); they are sent to the outbox`,
      );
    }
    if (result.heldBack > 0)
      say(`demo: ${result.heldBack} AI drafts failed the quality checks and wait in the inbox for an edit`);
  } catch (error) {
    say(`demo: could not approve the AI drafts: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await connection?.close().catch(() => undefined);
    await db?.destroy().catch(() => undefined);
  }
}

/**
 * The sign-in lines printed next to the URLs: who to sign in as, not the passwords (the
 * README's demo table has them); the launcher's output carries no secret.
 */
export function demoSignInLines(apiKeyFile = '.data/demo-api-key'): string {
  return [
    `Demo workspace "${DEMO_TENANT_NAME}" (API key in ${apiKeyFile}; reset: npm run demo:reset; skip: --no-demo).`,
    `  Sign in as one user per role, passwords in README.md's "First five minutes" table:`,
    ...DEMO_USERS.map((user) => `    ${user.role.padEnd(10)} ${user.email}`),
  ].join('\n');
}
