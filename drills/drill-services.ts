import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { runMigrations } from '@cadenza/data';
import { assertBinaryExists, devServerArgs, ensureSearchAttributes, temporalBinaries } from '@cadenza/temporal';
import { ensureDatabase, withDatabase, withPgClient } from '../scripts/services/postgres-admin';
import { startLocalRedis } from '../scripts/services/local-redis';
import { startLocalDovecot, type LocalDovecot } from '../scripts/services/local-dovecot';
import { ManagedProcess } from '../scripts/services/managed-process';
import { freePort } from '../scripts/services/ports';
import { waitUntil } from '../scripts/services/wait-until';
import type * as EmbeddedPostgresModule from '../scripts/services/embedded-postgres';

/**
 * Services the drills break on purpose: each can be stopped and started again on the same
 * port and data folder, which the test harness (throwaway, start-once) does not offer.
 */
export interface DrillServices {
  databaseUrl: string;
  redisUrl: string;
  temporalAddress: string;
  stopPostgres: () => Promise<void>;
  startPostgres: () => Promise<void>;
  stopRedis: () => Promise<void>;
  startRedis: () => Promise<void>;
  /** Dovecot on loopback: every address a mailbox signing in with `imapPassword`. */
  imapPort: number;
  imapPassword: string;
  stopImap: () => Promise<void>;
  startImap: () => Promise<void>;
  /** SIGKILL, like a crash: nothing is flushed. */
  killTemporal: () => Promise<void>;
  startTemporal: () => Promise<void>;
  release: () => Promise<void>;
}

const NAMESPACE = 'default';
const quiet = () => undefined;

async function waitForTemporal(address: string): Promise<void> {
  await waitUntil(
    'Temporal dev server',
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}

export async function startDrillServices(): Promise<DrillServices> {
  const root = mkdtempSync(path.join(tmpdir(), 'cadenza-drills-'));
  // mkdtemp makes the folder private to root; the postgres user must be able to enter it.
  chmodSync(root, 0o755);
  const [pgPort, redisPort, temporalPort, uiPort, imapPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];

  // Loaded late: embedded-postgres installs process-wide exit hooks on import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  const { startEmbeddedPostgres } = require('../scripts/services/embedded-postgres') as typeof EmbeddedPostgresModule;
  let pg = await startEmbeddedPostgres({ dir: root, port: pgPort });
  const serverUrl = pg.url;
  await ensureDatabase(serverUrl, 'cadenza_drills');
  const databaseUrl = withDatabase(serverUrl, 'cadenza_drills');
  await runMigrations(databaseUrl);

  let redis = await startLocalRedis({ port: redisPort, log: quiet });

  // Its mail stays in the data folder across a stop and start, as a real server's does.
  const imapPassword = randomBytes(12).toString('hex');
  const startImap = () =>
    startLocalDovecot({ port: imapPort, dataDir: path.join(root, 'dovecot'), password: imapPassword, log: quiet });
  let imap: LocalDovecot = await startImap();

  const { cli } = temporalBinaries();
  assertBinaryExists(cli, 'TEMPORAL_CLI');
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  let temporal: ManagedProcess | undefined;
  const startTemporal = async () => {
    temporal = new ManagedProcess({
      name: 'temporal',
      command: cli,
      args: devServerArgs({
        dbFile: path.join(root, 'temporal.sqlite'),
        ip: '127.0.0.1',
        port: temporalPort,
        uiPort,
        namespace: NAMESPACE,
      }),
      restart: false,
      log: quiet,
    }).start();
    await waitForTemporal(temporalAddress);
  };
  await startTemporal();
  const connection = await Connection.connect({ address: temporalAddress });
  await ensureSearchAttributes(connection, NAMESPACE);
  await connection.close();

  return {
    databaseUrl,
    redisUrl: redis.url,
    temporalAddress,
    stopPostgres: () => pg.stop(),
    startPostgres: async () => {
      pg = await startEmbeddedPostgres({ dir: root, port: pgPort });
      await withPgClient(databaseUrl, (client) => client.query('SELECT 1'));
    },
    stopRedis: () => redis.process.stop(2000),
    startRedis: async () => {
      redis = await startLocalRedis({ port: redisPort, log: quiet });
    },
    imapPort,
    imapPassword,
    stopImap: () => imap.process.stop(3000),
    startImap: async () => {
      imap = await startImap();
    },
    killTemporal: async () => {
      const pid = temporal?.pid;
      temporal?.halt();
      if (pid) process.kill(pid, 'SIGKILL');
      await waitUntil('Temporal dev server gone', async () => !isAlive(pid), { timeoutMs: 10_000, intervalMs: 100 });
    },
    startTemporal,
    release: async () => {
      await temporal?.stop(3000);
      await redis.process.stop(2000);
      await imap.process.stop(3000);
      await pg.stop().catch(quiet);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
