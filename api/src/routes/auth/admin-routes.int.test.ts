import { randomUUID } from 'node:crypto';
import { createApiKey, createTenant, ensureTenantAdmin, listDomainEventsAfter } from '@cadenza/activities/data';
import { startTestPlatform, type TestPlatform } from '../../../../scripts/test-harness/integration';
import { BrowserClient, uniqueEmail } from './auth-test-client';

const PASSWORD = 'correct horse battery staple';

interface Workspace {
  tenantId: string;
  admin: BrowserClient;
  adminId: string;
}

describe('user and API-key administration: roles, tenant isolation, secrets', () => {
  let platform: TestPlatform;
  let a: Workspace;
  let b: Workspace;

  const workspace = async (name: string): Promise<Workspace> => {
    const tenant = await createTenant(platform.db, name);
    const email = uniqueEmail('admin');
    const { userId } = await ensureTenantAdmin(platform.db, { tenantId: tenant.id, email, password: PASSWORD });
    const admin = new BrowserClient(platform.baseUrl);
    expect((await admin.login(email, PASSWORD)).status).toBe(200);
    return { tenantId: tenant.id, admin, adminId: userId };
  };

  beforeAll(async () => {
    platform = await startTestPlatform(`auth-admin-${randomUUID()}`);
    a = await workspace('Workspace A');
    b = await workspace('Workspace B');
  });
  afterAll(() => platform?.stop());

  const invite = async (ws: Workspace, role: string, email = uniqueEmail(role)) => {
    const response = await ws.admin.call('POST', '/users', { email, role, password: PASSWORD, name: `A ${role}` });
    return { email, response, id: (response.body.user as { id: string } | undefined)?.id ?? '' };
  };

  it('invites a user with a role and initial password, who can then sign in with that role', async () => {
    const { email, response, id } = await invite(a, 'marketer');
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      user: {
        id: expect.any(String),
        email,
        name: 'A marketer',
        totpEnabled: false,
        role: 'marketer',
        joinedAt: expect.any(String),
        lockedUntil: null,
      },
      existingAccount: false,
    });
    const marketer = new BrowserClient(platform.baseUrl);
    expect((await marketer.login(email, PASSWORD)).body).toMatchObject({ role: 'marketer', user: { id } });

    const events = await listDomainEventsAfter(platform.db.manager, a.tenantId, 0);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'user.invited', subjectId: id, actor: { kind: 'user', id: a.adminId } }),
    );
    expect((await a.admin.call('POST', '/users', { email, role: 'ops', password: PASSWORD })).status).toBe(409);
  });

  it('refuses user and key management to every non-admin role (403)', async () => {
    for (const role of ['marketer', 'sales_rep', 'ops'] as const) {
      const { email } = await invite(a, role);
      const member = new BrowserClient(platform.baseUrl);
      await member.login(email, PASSWORD);
      expect((await member.call('GET', '/users')).status).toBe(403);
      expect(
        (await member.call('POST', '/users', { email: uniqueEmail('x'), role: 'admin', password: PASSWORD })).status,
      ).toBe(403);
      expect((await member.call('PATCH', `/users/${a.adminId}`, { role: 'ops' })).status).toBe(403);
      expect((await member.call('DELETE', `/users/${a.adminId}`)).status).toBe(403);
      expect((await member.call('GET', '/api-keys')).status).toBe(403);
      expect((await member.call('POST', '/api-keys', { name: 'k', role: 'admin' })).status).toBe(403);
      // ...while their own session works.
      expect((await member.call('GET', '/auth/me')).status).toBe(200);
    }
    const opsKey = await createApiKey(platform.db, a.tenantId, 'ops key', 'ops');
    const viaKey = await fetch(`${platform.baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${opsKey}` } });
    expect(viaKey.status).toBe(403);
  });

  it('applies a role change and a removal to live sessions at once', async () => {
    const { email, id } = await invite(a, 'sales_rep');
    const rep = new BrowserClient(platform.baseUrl);
    await rep.login(email, PASSWORD);
    expect((await rep.call('GET', '/users')).status).toBe(403);

    const changed = await a.admin.call('PATCH', `/users/${id}`, { role: 'admin' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, role: 'admin' });
    expect((await rep.call('GET', '/users')).status).toBe(200);

    expect((await a.admin.call('DELETE', `/users/${id}`)).status).toBe(204);
    expect((await rep.call('GET', '/auth/me')).status).toBe(401);
    const listed = (await a.admin.call('GET', '/users')).body.items as Array<{ id: string }>;
    expect(listed.map((u) => u.id)).not.toContain(id);
  });

  it('never leaves a workspace without an admin', async () => {
    const ws = await workspace('Lonely');
    const demote = await ws.admin.call('PATCH', `/users/${ws.adminId}`, { role: 'ops' });
    expect(demote.status).toBe(409);
    expect((await ws.admin.call('DELETE', `/users/${ws.adminId}`)).status).toBe(409);
    expect((await ws.admin.call('GET', '/auth/me')).body).toMatchObject({ role: 'admin' });
  });

  it('adds an existing account to another workspace without touching its password', async () => {
    const { email } = await invite(a, 'ops');
    const joined = await b.admin.call('POST', '/users', {
      email,
      role: 'sales_rep',
      password: 'an attacker chosen pw',
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ existingAccount: true, user: { role: 'sales_rep' } });
    const user = new BrowserClient(platform.baseUrl);
    expect((await user.login(email, 'an attacker chosen pw')).status).toBe(401);
    const signedIn = await user.login(email, PASSWORD);
    expect((signedIn.body.memberships as unknown[]).length).toBe(2);
  });

  it("keeps each workspace's users and keys invisible to the other workspace's admin (404)", async () => {
    const { id: userOfA } = await invite(a, 'marketer');
    const keyOfA = (await a.admin.call('POST', '/api-keys', { name: 'A key', role: 'ops' })).body.apiKey as {
      id: string;
    };

    const listedByB = (await b.admin.call('GET', '/users')).body.items as Array<{ id: string }>;
    expect(listedByB.map((u) => u.id)).not.toContain(userOfA);
    expect((await b.admin.call('GET', `/users/${userOfA}`)).status).toBe(404);
    expect((await b.admin.call('PATCH', `/users/${userOfA}`, { role: 'admin' })).status).toBe(404);
    expect((await b.admin.call('DELETE', `/users/${userOfA}`)).status).toBe(404);
    expect((await b.admin.call('PATCH', `/users/${a.adminId}`, { role: 'ops' })).status).toBe(404);

    const keysOfB = (await b.admin.call('GET', '/api-keys')).body.items as Array<{ id: string }>;
    expect(keysOfB.map((k) => k.id)).not.toContain(keyOfA.id);
    expect((await b.admin.call('DELETE', `/api-keys/${keyOfA.id}`)).status).toBe(404);

    // Nothing changed in A.
    expect((await a.admin.call('GET', `/users/${userOfA}`)).body).toMatchObject({ role: 'marketer' });
    const keysOfA = (await a.admin.call('GET', '/api-keys')).body.items as Array<{ id: string; revokedAt: unknown }>;
    expect(keysOfA.find((k) => k.id === keyOfA.id)).toMatchObject({ revokedAt: null });
  });

  it('shows an API key secret once, never again, and a revoked key stops working', async () => {
    const created = await a.admin.call('POST', '/api-keys', { name: 'integration', role: 'ops' });
    expect(created.status).toBe(201);
    const { apiKey, secret } = created.body as { apiKey: { id: string; role: string }; secret: string };
    expect(secret).toMatch(/^cdz_/);
    expect(apiKey.role).toBe('ops');

    const listed = await a.admin.call('GET', '/api-keys');
    expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toMatch(/secret|hash/i);
    const item = (listed.body.items as Array<Record<string, unknown>>).find((k) => k.id === apiKey.id);
    expect(Object.keys(item!).sort()).toEqual(['createdAt', 'id', 'name', 'revokedAt', 'role']);

    const withKey = () =>
      fetch(`${platform.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await withKey()).status).toBe(403); // a valid key, but keys have no session
    const revoked = await a.admin.call('DELETE', `/api-keys/${apiKey.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: apiKey.id, revokedAt: expect.any(String) });
    expect((await withKey()).status).toBe(401);
  });

  it('never returns password hashes or TOTP secrets in user listings', async () => {
    await a.admin.call('POST', '/auth/totp/enroll');
    const listed = await a.admin.call('GET', '/users');
    expect(listed.status).toBe(200);
    expect(listed.text).not.toMatch(/argon2|password|secret|v1\./i);
    for (const user of listed.body.items as Array<Record<string, unknown>>) {
      expect(Object.keys(user).sort()).toEqual([
        'email',
        'id',
        'joinedAt',
        'lockedUntil',
        'name',
        'role',
        'totpEnabled',
      ]);
    }
  });

  it('names the bad field on invalid input', async () => {
    const response = await a.admin.call('POST', '/users', { email: 'not-an-email', role: 'boss', password: 'short' });
    expect(response.status).toBe(400);
    const fields = (response.body.details as { fields: Array<{ field: string }> }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.role', 'body.password']));
  });
});
