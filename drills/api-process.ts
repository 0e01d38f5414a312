import { spawn } from 'node:child_process';
import path from 'node:path';
import { createApiKey, createDataSource, createTenant } from '@cadenza/data';
import { freePort } from '../scripts/services/ports';
import { testSecretKeyHex } from '@cadenza/test-harness/payload-keys';
import { waitUntil } from '../scripts/services/wait-until';
import type { DrillServices } from './drill-services';

export interface ApiProcess {
  baseUrl: string;
  tenantId: string;
  apiKey: string;
  output: () => string;
  /** fetch with the API key and a deadline, so a hung request is a finding, not a stuck drill. */
  call: (route: string, init?: { method?: string; body?: unknown; timeoutMs?: number }) => Promise<ApiAnswer>;
  stop: () => Promise<void>;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  ms: number;
}

const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * The production API entry point (api/src/main.ts) as a process of its own, plus a tenant and API
 * key. `env` adds to its environment (a drill's own task queue).
 */
export async function startApiProcess(services: DrillServices, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      CADENZA_SECRET_KEY: testSecretKeyHex(),
      LOG_LEVEL: 'error',
      READY_PROBE_TIMEOUT_MS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil('API /health', async () => (await fetch(`${baseUrl}/health`)).ok, { timeoutMs: 60_000 });
  const db = await createDataSource({ url: services.databaseUrl, poolSize: 1 }).initialize();
  const tenant = await createTenant(db, 'Drills API');
  const apiKey = await createApiKey(db, tenant.id, 'drills');
  await db.destroy();
  const call: ApiProcess['call'] = async (route, init = {}) => {
    const started = Date.now();
    const response = await fetch(`${baseUrl}${route}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text so the drill can report it
    }
    return { status: response.status, body, ms: Date.now() - started };
  };
  return {
    baseUrl,
    tenantId: tenant.id,
    apiKey,
    output: () => output,
    call,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** True when a 4xx/5xx body is the API's JSON error shape. */
export function isJsonError(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const { code, message } = body as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}
