import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  DEFAULT_PASSWORD_HASHING_LIMITS,
  configurePasswordHashing,
  createTenant,
  ensureTenantAdmin,
  passwordHashingQueue,
} from '@cadenza/data';
import { startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { createApp } from '../../app';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../../auth/auth-settings';
import { createSessionResolver } from '../../auth/session-resolver';
import { clientBucketKey } from '../../auth/login-rate-limit';
import { uniqueEmail } from './auth-test-client';

/**
 * Limits across emails: per client address (behind a configured proxy, the forwarded one)
 * and the bounded argon2 queue. These run on an app of their own with the real default
 * limits and TRUST_PROXY=loopback, so each test picks client addresses no other test uses.
 */
describe('sign-in limits across emails', () => {
  let platform: TestPlatform;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    platform = await startTestPlatform(`sign-in-limits-${randomUUID()}`);
    const auth: AuthSettings = { ...DEFAULT_AUTH_SETTINGS, secretKey: randomBytes(32) };
    const app = createApp({
      config: { ...platform.config, TRUST_PROXY: ['loopback'] },
      db: platform.db,
      redis: platform.redis,
      temporal: platform.temporal,
      payloadKeys: platform.payloadKeys,
      auth,
      resolveSession: createSessionResolver(platform.db),
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    configurePasswordHashing(DEFAULT_PASSWORD_HASHING_LIMITS);
    await new Promise((resolve) => server?.close(resolve));
    await platform?.stop();
  });

  /** A test address per test run, so reruns against the same Redis start with a full bucket. */
  const testAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

  const login = async (clientAddress: string, email = uniqueEmail('spray')) => {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
      body: JSON.stringify({ email, password: 'a guess' }),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  };

  it('limits one client address across different emails, not other addresses', async () => {
    const address = testAddress();
    const other = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    await platform.redis.del(clientBucketKey(address), clientBucketKey(other));
    const statuses: number[] = [];
    // The default bucket holds 20 and regains one every 3 s: the first 20 are evaluated, then the
    // address runs dry (however slow the machine, a refused attempt costs nothing and comes fast).
    while (statuses.length < 60 && statuses.at(-1) !== 429) statuses.push((await login(address)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.at(-1)).toBe(429);
    const limited = await login(address);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'too_many_requests' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(other)).status).toBe(401);
    await platform.redis.del(clientBucketKey(address), clientBucketKey(other));
  });

  it('audits the lockout of an account once a minute, from the forwarded client address', async () => {
    const tenant = await createTenant(platform.db, 'Lockout audit');
    const email = uniqueEmail('locked');
    const { userId } = await ensureTenantAdmin(platform.db, {
      tenantId: tenant.id,
      email,
      password: 'the right passphrase ok',
    });
    const address = testAddress();
    await platform.redis.del(clientBucketKey(address));
    const statuses: number[] = [];
    while (statuses.length < 60 && statuses.at(-1) !== 429) statuses.push((await login(address, email)).status);
    for (let i = 0; i < 3; i++) expect((await login(address, email)).status).toBe(429);
    const rows = (await platform.db.query(
      `SELECT after->>'reason' AS reason, client_address FROM audit_log
        WHERE tenant_id = $1 AND action = 'sign_in_failed' AND entity_id = $2`,
      [tenant.id, userId],
    )) as Array<{ reason: string; client_address: string }>;
    expect(rows.filter((row) => row.reason === 'rate_limited')).toEqual([
      { reason: 'rate_limited', client_address: address },
    ]);
    expect(rows.filter((row) => row.reason === 'invalid_credentials').length).toBe(statuses.length - 1);
    await platform.redis.del(clientBucketKey(address));
  });

  it('hashes at most 2 passwords at once and answers the overflow 503 try_again at once', async () => {
    configurePasswordHashing({ maxConcurrent: 2, maxWaiting: 2 });
    const addresses = Array.from({ length: 12 }, (_, i) => `192.0.2.${i + 1 + Math.floor(Math.random() * 200)}`);
    await platform.redis.del(...addresses.map(clientBucketKey));
    const logged = jest.spyOn(console, 'error');
    const answers = await Promise.all(addresses.map((address) => login(address)));
    // Load shedding is not a fault: a flood of sign-ins must not flood the error log as well.
    expect(logged.mock.calls.filter((call) => String(call[0]).includes('busy checking passwords'))).toEqual([]);
    logged.mockRestore();
    const statuses = answers.map((answer) => answer.status).sort();
    // Never more than the bound ran together; the ones that could not even wait were refused.
    expect(passwordHashingQueue().peakConcurrent).toBeLessThanOrEqual(2);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(4);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
    const busy = answers.find((answer) => answer.status === 503)!;
    expect(busy.body).toMatchObject({ code: 'try_again' });
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    await platform.redis.del(...addresses.map(clientBucketKey));
  });
});
