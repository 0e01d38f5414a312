import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Connection } from '@temporalio/client';
import { runMigrations } from '@cadenza/data';
import { assertBinaryExists, runSearchAttributeKeys, temporalBinaries } from '@cadenza/temporal';
import { dropDatabase, ensureDatabase, withDatabase, withPgClient } from '../services/postgres-admin';
import { startLocalRedis } from '../services/local-redis';
import { imapGreets, startLocalDovecot } from '../services/local-dovecot';
import { pingRedis } from '../services/redis-ping';
import { freePort } from '../services/ports';
import { withTimeout } from '@cadenza/core';
import type * as EmbeddedPostgresModule from '../services/embedded-postgres';

/** A provisioned service: its address for tests, and how to release it afterwards. */
export interface Provisioned {
  address: string;
  release: () => Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5000;

/**
 * Temporal for tests: TEST_TEMPORAL_ADDRESS when set (checked with a short deadline),
 * otherwise a fresh dev server from the project's CLI with the search attributes registered.
 */
export async function provisionTemporal(env: NodeJS.ProcessEnv): Promise<Provisioned> {
  if (env.TEST_TEMPORAL_ADDRESS) {
    const address = env.TEST_TEMPORAL_ADDRESS;
    const connection = await withTimeout(
      Connection.connect({ address, connectTimeout: CONNECT_TIMEOUT_MS }),
      CONNECT_TIMEOUT_MS + 1000,
      `Temporal at ${address}`,
    ).catch((error: Error) => {
      throw new Error(`Temporal at ${address} (TEST_TEMPORAL_ADDRESS): ${error.message}`);
    });
    await connection.close();
    return { address, release: async () => undefined };
  }
  const { cli } = temporalBinaries(env);
  assertBinaryExists(cli, 'TEMPORAL_CLI');
  const port = await freePort();
  // A database file, not memory: the privacy tests read what Temporal itself stores (issue 29).
  // On tmpfs where there is one: a disk-backed file slows every test's Temporal calls.
  const dir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cadenza-test-temporal-'));
  const dbFilename = path.join(dir, 'temporal.sqlite');
  env.TEST_TEMPORAL_DB_FILE = dbFilename;
  const testEnv = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli },
      ip: '127.0.0.1',
      port,
      ui: false,
      dbFilename,
      searchAttributes: Object.values(runSearchAttributeKeys),
      extraArgs: ['--log-level', 'error'],
    },
  });
  return {
    address: `127.0.0.1:${port}`,
    release: async () => {
      await testEnv.teardown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A throwaway cluster in its own temporary folder, so concurrent test runs never share one,
 * removed when it stops. Loaded only when needed: embedded-postgres is an ES module with
 * process-wide exit hooks.
 */
async function startEmbedded(options: { dir: string; port: number }) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  const { startEmbeddedPostgres } = require('../services/embedded-postgres') as typeof EmbeddedPostgresModule;
  // mkdtemp makes the folder private to root; the postgres user must be able to enter it.
  chmodSync(options.dir, 0o755);
  const server = await startEmbeddedPostgres(options).catch((error: unknown) => {
    rmSync(options.dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(options.dir, { recursive: true, force: true });
    },
  };
}

/**
 * PostgreSQL for tests: a database made for this run (and dropped after) on the server
 * of TEST_DATABASE_URL, or else on a throwaway embedded PostgreSQL.
 */
export async function provisionPostgres(env: NodeJS.ProcessEnv): Promise<Provisioned> {
  const server = env.TEST_DATABASE_URL
    ? { url: env.TEST_DATABASE_URL, stop: async () => undefined }
    : await startEmbedded({ dir: mkdtempSync(path.join(tmpdir(), 'cadenza-test-pg-')), port: await freePort() });
  try {
    await withPgClient(server.url, (client) => client.query('SELECT 1'), CONNECT_TIMEOUT_MS);
    const database = `cadenza_test_${process.pid}_${Date.now()}`;
    await ensureDatabase(server.url, database);
    const url = withDatabase(server.url, database);
    await runMigrations(url);
    return {
      address: url,
      release: async () => {
        await dropDatabase(server.url, database);
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    const source = env.TEST_DATABASE_URL ? ' (TEST_DATABASE_URL)' : '';
    throw new Error(`${error instanceof Error ? error.message : error}${source}`);
  }
}

/** Redis for tests: TEST_REDIS_URL when set, otherwise a memory-only redis-server on a free port. */
export async function provisionRedis(env: NodeJS.ProcessEnv): Promise<Provisioned> {
  if (env.TEST_REDIS_URL) {
    await pingRedis(env.TEST_REDIS_URL, CONNECT_TIMEOUT_MS).catch((error: Error) => {
      throw new Error(`${error.message} (TEST_REDIS_URL)`);
    });
    return { address: env.TEST_REDIS_URL, release: async () => undefined };
  }
  const redis = await startLocalRedis({
    port: await freePort(),
    log: () => undefined,
  });
  return { address: redis.url, release: () => redis.process.stop(2000) };
}

/** Every mailbox of the tests' Dovecot signs in with this password (loopback only, gone after the run). */
export const TEST_IMAP_PASSWORD = 'cadenza-test-mailbox';

/**
 * IMAP for tests: TEST_IMAP_URL when set (a server whose users all sign in with TEST_IMAP_PASSWORD),
 * otherwise Debian's Dovecot with its own configuration in a temporary folder, on a free port.
 */
export async function provisionImap(env: NodeJS.ProcessEnv): Promise<Provisioned> {
  if (env.TEST_IMAP_URL) {
    const { port } = new URL(env.TEST_IMAP_URL);
    await imapGreets(Number(port), CONNECT_TIMEOUT_MS).catch((error: Error) => {
      throw new Error(`${error.message} (TEST_IMAP_URL)`);
    });
    return { address: env.TEST_IMAP_URL, release: async () => undefined };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cadenza-test-imap-'));
  const dovecot = await startLocalDovecot({
    port: await freePort(),
    dataDir,
    password: TEST_IMAP_PASSWORD,
    env,
    log: () => undefined,
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    address: dovecot.url,
    release: async () => {
      await dovecot.process.stop(2000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
