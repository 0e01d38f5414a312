import { randomUUID } from 'node:crypto';
import { createApiKey, createTenant, ensureTenantAdmin, listDomainEventsAfter } from '@cadenza/data';
import { startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
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
    return { email, response };
  };

  /** Invites a new email and signs the person in once: the first sign-in of an account an invitation created joins. */
  const addMember = async (ws: Workspace, role: string) => {
    const { email, response } = await invite(ws, role);
    expect(response.status).toBe(201);
    const member = new BrowserClient(platform.baseUrl);
    const login = await member.login(email, PASSWORD);
    expect(login.body).toMatchObject({ role, tenant: { id: ws.tenantId } });
    return { email, id: (login.body.user as { id: string }).id, member };
  };

  it('invites a new email: pending until its first sign-in, which joins with the role', async () => {
    const { email, response } = await invite(a, 'marketer');
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      email,
      role: 'marketer',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    const invitationId = response.body.id as string;
    const pending = (await a.admin.call('GET', '/invitations')).body.items as Array<{ id: string }>;
    expect(pending.map((i) => i.id)).toContain(invitationId);
    expect(
      ((await a.admin.call('GET', '/users')).body.items as Array<{ email: string }>).map((u) => u.email),
    ).not.toContain(email);

    const marketer = new BrowserClient(platform.baseUrl);
    const login = await marketer.login(email, PASSWORD);
    expect(login.body).toMatchObject({ role: 'marketer', user: { email, name: 'A marketer' } });
    const id = (login.body.user as { id: string }).id;
    const after = (await a.admin.call('GET', '/invitations')).body.items as Array<{ id: string }>;
    expect(after.map((i) => i.id)).not.toContain(invitationId);

    const events = await listDomainEventsAfter(platform.db.manager, a.tenantId, 0);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'user.invited',
        subjectId: invitationId,
        actor: { kind: 'user', id: a.adminId },
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ type: 'user.joined', subjectId: id }));
    expect((await a.admin.call('POST', '/users', { email, role: 'ops', password: PASSWORD })).status).toBe(409);
  });

  it('refuses user and key management to every non-admin role (403)', async () => {
    for (const role of ['marketer', 'sales_rep', 'ops'] as const) {
      const { member } = await addMember(a, role);
      expect((await member.call('GET', '/users')).status).toBe(403);
      expect(
        (await member.call('POST', '/users', { email: uniqueEmail('x'), role: 'admin', password: PASSWORD })).status,
      ).toBe(403);
      expect((await member.call('PATCH', `/users/${a.adminId}`, { role: 'ops' })).status).toBe(403);
      expect((await member.call('DELETE', `/users/${a.adminId}`)).status).toBe(403);
      expect((await member.call('GET', '/api-keys')).status).toBe(403);
      expect((await member.call('GET', '/invitations')).status).toBe(403);
      expect((await member.call('POST', '/api-keys', { name: 'k', role: 'admin' })).status).toBe(403);
      // ...while their own session works, and they see their colleagues by name (no sign-in details).
      expect((await member.call('GET', '/auth/me')).status).toBe(200);
      const members = await member.call('GET', '/members');
      expect(members.status).toBe(200);
      const items = members.body.items as Array<Record<string, unknown>>;
      expect(items).toContainEqual({ id: a.adminId, name: expect.any(String), role: 'admin' });
      expect(items.every((item) => Object.keys(item).sort().join() === 'id,name,role')).toBe(true);
    }
    const opsKey = await createApiKey(platform.db, a.tenantId, 'ops key', 'ops');
    const viaKey = await fetch(`${platform.baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${opsKey}` } });
    expect(viaKey.status).toBe(403);
  });

  it('applies a role change and a removal to live sessions at once', async () => {
    const { id, member: rep } = await addMember(a, 'sales_rep');
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

  it('invites an account of another workspace without telling that workspace anything; the person decides', async () => {
    const { email, member } = await addMember(a, 'ops');
    const existing = await b.admin.call('POST', '/users', {
      email,
      role: 'sales_rep',
      password: 'an attacker chosen pw',
    });
    const fresh = await b.admin.call('POST', '/users', {
      email: uniqueEmail('fresh'),
      role: 'sales_rep',
      password: 'an attacker chosen pw',
    });
    // The same answer whether the email has an account elsewhere or not: only what the admin typed.
    expect(existing.status).toBe(201);
    expect(fresh.status).toBe(201);
    expect(Object.keys(existing.body).sort()).toEqual(['createdAt', 'email', 'expiresAt', 'id', 'role']);
    expect(Object.keys(fresh.body).sort()).toEqual(Object.keys(existing.body).sort());
    expect(existing.text).not.toMatch(/A ops|totpEnabled|lockedUntil|existingAccount/);
    // Not a member of B until they say yes; their password is untouched.
    expect(
      ((await b.admin.call('GET', '/users')).body.items as Array<{ email: string }>).map((u) => u.email),
    ).not.toContain(email);
    expect((await new BrowserClient(platform.baseUrl).login(email, 'an attacker chosen pw')).status).toBe(401);

    const mine = await member.call('GET', '/auth/invitations');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: existing.body.id,
        tenantId: b.tenantId,
        tenantName: 'Workspace B',
        role: 'sales_rep',
      }),
    ]);
    // Someone else cannot answer it.
    const { member: stranger } = await addMember(a, 'marketer');
    expect((await stranger.call('POST', `/auth/invitations/${existing.body.id as string}/accept`)).status).toBe(404);

    const accepted = await member.call('POST', `/auth/invitations/${existing.body.id as string}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ tenantId: b.tenantId, tenantName: 'Workspace B', role: 'sales_rep' });
    expect(((await member.call('GET', '/auth/me')).body.memberships as unknown[]).length).toBe(2);
    expect(
      ((await b.admin.call('GET', '/users')).body.items as Array<{ email: string }>).map((u) => u.email),
    ).toContain(email);
    expect((await member.call('GET', '/auth/invitations')).body.items).toEqual([]);
  });

  it('lets the invited person decline and the admin revoke', async () => {
    const { email, member } = await addMember(a, 'ops');
    const declined = await b.admin.call('POST', '/users', { email, role: 'marketer', password: PASSWORD });
    expect((await member.call('POST', `/auth/invitations/${declined.body.id as string}/decline`)).status).toBe(204);
    expect((await b.admin.call('GET', '/invitations')).body.items).not.toContainEqual(
      expect.objectContaining({ id: declined.body.id }),
    );

    const revoked = await b.admin.call('POST', '/users', { email, role: 'marketer', password: PASSWORD });
    expect((await a.admin.call('DELETE', `/invitations/${revoked.body.id as string}`)).status).toBe(404);
    expect((await b.admin.call('DELETE', `/invitations/${revoked.body.id as string}`)).status).toBe(204);
    expect((await member.call('GET', '/auth/invitations')).body.items).toEqual([]);
    expect((await member.call('POST', `/auth/invitations/${revoked.body.id as string}/accept`)).status).toBe(404);
    expect(((await member.call('GET', '/auth/me')).body.memberships as unknown[]).length).toBe(1);
  });

  it('lets an account with no workspace see its invitations after a right password, and accept one while signing in', async () => {
    const { email, id } = await addMember(a, 'ops');
    expect((await a.admin.call('DELETE', `/users/${id}`)).status).toBe(204);
    const invitation = await b.admin.call('POST', '/users', { email, role: 'marketer', password: PASSWORD });

    const person = new BrowserClient(platform.baseUrl);
    // A wrong password learns nothing about invitations.
    const wrong = await person.login(email, 'not it', { acceptInvitationId: invitation.body.id });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('Workspace B');

    const stuck = await person.login(email, PASSWORD);
    expect(stuck.status).toBe(403);
    expect(stuck.body).toMatchObject({
      code: 'no_workspace',
      details: { invitations: [{ id: invitation.body.id, tenantName: 'Workspace B', role: 'marketer' }] },
    });
    expect(person.cookie).toBeUndefined();

    const joined = await person.login(email, PASSWORD, { acceptInvitationId: invitation.body.id });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ tenant: { id: b.tenantId }, role: 'marketer' });
    expect((await b.admin.call('GET', '/invitations')).body.items).not.toContainEqual(
      expect.objectContaining({ id: invitation.body.id }),
    );
  });

  it("keeps each workspace's users and keys invisible to the other workspace's admin (404)", async () => {
    const { id: userOfA } = await addMember(a, 'marketer');
    const keyOfA = (await a.admin.call('POST', '/api-keys', { name: 'A key', role: 'ops' })).body.apiKey as {
      id: string;
    };

    const listedByB = (await b.admin.call('GET', '/users')).body.items as Array<{ id: string }>;
    expect(listedByB.map((u) => u.id)).not.toContain(userOfA);
    const membersOfB = (await b.admin.call('GET', '/members')).body.items as Array<{ id: string }>;
    expect(membersOfB.map((u) => u.id)).not.toContain(userOfA);
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
