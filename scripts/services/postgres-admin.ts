import { Client } from 'pg';

/** Connects once, with a short connect timeout, and runs `work`; the client always closes. */
export async function withPgClient<T>(url: string, work: (client: Client) => Promise<T>, timeoutMs = 5000): Promise<T> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
  });
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    const { hostname, port } = new URL(url);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL at ${hostname || 'localhost'}:${port || 5432}: ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  await withPgClient(withDatabase(serverUrl, 'postgres'), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withPgClient(withDatabase(serverUrl, 'postgres'), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
  );
}
