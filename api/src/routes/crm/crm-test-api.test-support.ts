import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Connection, type Client } from '@temporalio/client';
import { testTemporalClient } from '@cadenza/test-harness/payload-keys';
import { Redis } from 'ioredis';
import type { Principal, Role } from '@cadenza/core';
import { createApiKey, createTenant, type DataSource } from '@cadenza/data';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import { createApp } from '../../app';
import { ApiConfigSchema } from '../../config';

/**
 * The real app on an ephemeral port for CRM tests, with every role reachable: API keys
 * per role, plus signed-in users of any role. Users and sessions belong to the auth area;
 * until tests can sign in through it, a test-only session resolver turns the
 * `x-test-principal` header into a user principal, which is all the CRM routes see.
 */
export interface CrmTestApi {
  db: DataSource;
  /** The app's Temporal client: workflows it starts go to IDLE_TASK_QUEUE. */
  temporal: Client;
  baseUrl: string;
  stop: () => Promise<void>;
}

export type Caller = { apiKey: string } | { user: Principal };

export interface TestTenant {
  tenantId: string;
  keys: Record<Role, string>;
  /** A signed-in user of the role, with a fixed id per tenant and role. */
  users: Record<Role, Principal>;
}

const PRINCIPAL_HEADER = 'x-test-principal';

/** A task queue no worker polls: what the app starts here (imports, enrollments) stays open and does nothing. */
export const IDLE_TASK_QUEUE = 'crm-tests-idle';

export async function startCrmTestApi(): Promise<CrmTestApi> {
  const config = ApiConfigSchema.parse({
    PORT: '1',
    DATABASE_URL: requireService('postgres'),
    REDIS_URL: requireService('redis'),
    TEMPORAL_ADDRESS: requireService('temporal'),
    TEMPORAL_TASK_QUEUE: IDLE_TASK_QUEUE,
  });
  const db = await connectTestDb();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  // Only imports start workflows (nothing polls this queue here); the lazy client connects on first use.
  const { temporal, payloadKeys } = testTemporalClient(
    db,
    Connection.lazy({ address: config.TEMPORAL_ADDRESS }),
    config.TEMPORAL_NAMESPACE,
  );
  const app = createApp({
    config,
    db,
    redis,
    temporal,
    payloadKeys,
    resolveSession: async (req) => {
      const header = req.get(PRINCIPAL_HEADER);
      return header ? (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Principal) : null;
    },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    db,
    temporal,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      redis.disconnect();
      await temporal.connection.close().catch(() => undefined);
      await db.destroy();
    },
  };
}

const ROLES: Role[] = ['admin', 'marketer', 'sales_rep', 'ops'];

export async function createTestTenant(db: DataSource, name = 'CRM tenant'): Promise<TestTenant> {
  const tenant = await createTenant(db, name);
  const keys = {} as Record<Role, string>;
  const users = {} as Record<Role, Principal>;
  for (const role of ROLES) {
    keys[role] = await createApiKey(db, tenant.id, `${role} key`, role);
    users[role] = { tenantId: tenant.id, userId: randomUUID(), role, via: 'session' };
  }
  return { tenantId: tenant.id, keys, users };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** One JSON request as `caller`; the body is sent as given (a string is sent raw). */
export async function call<T = Record<string, unknown>>(
  api: CrmTestApi,
  caller: Caller,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if ('apiKey' in caller) headers.authorization = `Bearer ${caller.apiKey}`;
  else headers[PRINCIPAL_HEADER] = Buffer.from(JSON.stringify(caller.user)).toString('base64url');
  const response = await fetch(`${api.baseUrl}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  // CSV downloads come back as text.
  const json = response.headers.get('content-type')?.includes('json');
  return { status: response.status, body: (text ? (json ? JSON.parse(text) : text) : undefined) as T };
}
