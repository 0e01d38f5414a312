/**
 * `npm run demo:reset`: brings the demo workspace back to its first state. Stops its runs,
 * deletes it (cascade), seeds it again, restarts the demo enrollments (a worker must be polling)
 * and approves two AI drafts as the marketer once the local model has written them. Reads the
 * same variables as the launcher; the platform must be running (`npm start`) for the services
 * and the worker.
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { cadenzaClient } from '@cadenza/temporal';
import { createLocalKeyWrapper, PayloadKeyRing } from '@cadenza/services/privacy';
import { DEFAULT_TASK_QUEUE } from '@cadenza/core';
import { createDataSource, parseSecretKey, registerApiKey } from '@cadenza/data';
import { loadOrCreateDemoApiKey, loadOrCreateDevSecretKey, loadOrCreateLocalMailboxPassword } from '../dev-secrets';
import { loadLauncherConfig } from '../launcher-config';
import { embeddedPostgresPassword, embeddedPostgresUrl } from '../services/embedded-postgres-password';
import { withDatabase } from '../services/postgres-admin';
import { deleteDemoWorkspace } from './reset-demo';
import { DEMO_TENANT_ID, seedDemoWorkspace } from './seed-demo';
import { startDemoRuns } from './demo-enrollments';
import { approveDemoDrafts } from './demo-approvals';
import { ensureDemoMailbox, listenToDemoMailboxes } from './demo-mailbox';
import { demoSignInLines } from './demo-launch';

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  const databaseUrl =
    config.DATABASE_URL ??
    withDatabase(
      embeddedPostgresUrl(
        embeddedPostgresPassword(path.join(config.CADENZA_DATA_DIR, 'postgres')),
        config.CADENZA_PG_PORT,
      ),
      'cadenza',
    );
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
  const db = await createDataSource({ url: databaseUrl, poolSize: 8 }).initialize();
  const connection = await Connection.connect({ address, connectTimeout: 5000 }).catch((error: Error) => {
    throw new Error(`Temporal at ${address} is unreachable; is \`npm start\` running? (${error.message})`);
  });
  try {
    // The same key the launcher gives the API and worker, so the runs it starts are theirs to read.
    const secretKey = process.env.CADENZA_SECRET_KEY ?? loadOrCreateDevSecretKey(config.CADENZA_DATA_DIR);
    const temporal = cadenzaClient({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      payloadKeys: new PayloadKeyRing({ db, wrapper: createLocalKeyWrapper(parseSecretKey(secretKey)) }),
    });
    const { terminated } = await deleteDemoWorkspace(db, temporal);
    console.log(`[demo] deleted the demo workspace (${terminated} open runs terminated)`);
    const startedAt = Date.now();
    const seeded = await seedDemoWorkspace(db);
    await ensureDemoMailbox(db, DEMO_TENANT_ID, {
      sinkPort: config.SMTP_SINK_PORT,
      imapPort: config.CADENZA_IMAP_PORT,
      imapPassword: loadOrCreateLocalMailboxPassword(config.CADENZA_DATA_DIR),
      secretKey: parseSecretKey(secretKey),
    });
    await registerApiKey(db, DEMO_TENANT_ID, 'demo workspace key', loadOrCreateDemoApiKey(config.CADENZA_DATA_DIR));
    console.log(
      `[demo] seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${JSON.stringify(seeded.created)}`,
    );
    const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE;
    await listenToDemoMailboxes(db, { client: temporal, taskQueue }, DEMO_TENANT_ID);
    const enrolled = await startDemoRuns(db, temporal, taskQueue);
    console.log(
      `[demo] ${enrolled.outreach.started} contacts enrolled in the outreach sequence, ${enrolled.aiChain.started} in the AI chain`,
    );
    console.log('[demo] waiting for the local model to draft the AI emails (Ctrl-C leaves them all in the inbox)…');
    const approvedAt = Date.now();
    const approvals = await approveDemoDrafts(db, temporal, {
      onFirstDraft: (ms) => console.log(`[demo] first draft in the approvals inbox after ${(ms / 1000).toFixed(1)} s`),
    });
    console.log(
      `[demo] the marketer approved ${approvals.approved} drafts${approvals.heldBack ? ` (${approvals.heldBack} held back: failed the quality checks)` : ''} (${((Date.now() - approvedAt) / 1000).toFixed(1)} s)\n\n  ${demoSignInLines(path.join(config.CADENZA_DATA_DIR, 'demo-api-key'))}`,
    );
  } finally {
    await connection.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`[demo] reset failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
