import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { auditCsvHeader, createTenant, ensureTenantAdmin } from '@cadenza/data';
import type { AuditEntry } from '@cadenza/core';
import { startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf } from '@cadenza/test-harness/flow-fixtures';
import { BrowserClient, uniqueEmail } from '../auth/auth-test-client';

const PASSWORD = 'correct horse battery staple';

interface Workspace {
  tenantId: string;
  admin: BrowserClient;
  adminId: string;
  adminEmail: string;
}

/** The audit trail through the API: each audited family, secrets kept out, tenants apart, roles. */
describe('audit trail', () => {
  let platform: TestPlatform;
  let a: Workspace;
  let b: Workspace;

  const workspace = async (name: string): Promise<Workspace> => {
    const tenant = await createTenant(platform.db, name);
    const adminEmail = uniqueEmail('admin');
    const { userId } = await ensureTenantAdmin(platform.db, {
      tenantId: tenant.id,
      email: adminEmail,
      password: PASSWORD,
    });
    const admin = new BrowserClient(platform.baseUrl);
    expect((await admin.login(adminEmail, PASSWORD)).status).toBe(200);
    return { tenantId: tenant.id, admin, adminId: userId, adminEmail };
  };

  const addMember = async (ws: Workspace, role: string) => {
    const email = uniqueEmail(role);
    expect((await ws.admin.call('POST', '/users', { email, role, password: PASSWORD })).status).toBe(201);
    const member = new BrowserClient(platform.baseUrl);
    const login = await member.login(email, PASSWORD);
    expect(login.status).toBe(200);
    return { email, id: (login.body.user as { id: string }).id, member };
  };

  /** Every row of a tenant's audit log, raw, so a secret anywhere in it is seen. */
  const rawRows = async (tenantId: string) =>
    (await platform.db.query(`SELECT * FROM audit_log WHERE tenant_id = $1 ORDER BY id`, [tenantId])) as Array<
      Record<string, unknown>
    >;

  const list = async (ws: Workspace, query: string) => {
    const response = await ws.admin.call('GET', `/audit-log?${query}`);
    expect(response.status).toBe(200);
    return response.body.items as AuditEntry[];
  };

  const previousSecretKey = process.env.CADENZA_SECRET_KEY;
  beforeAll(async () => {
    // Mailbox passwords are sealed with the deployment key; the API reads it at start.
    process.env.CADENZA_SECRET_KEY = process.env.CADENZA_TEST_SECRET_KEY ?? randomBytes(32).toString('hex');
    platform = await startTestPlatform(`audit-trail-${randomUUID()}`);
    a = await workspace('Audit A');
    b = await workspace('Audit B');
  });
  afterAll(async () => {
    await platform?.stop();
    if (previousSecretKey === undefined) delete process.env.CADENZA_SECRET_KEY;
    else process.env.CADENZA_SECRET_KEY = previousSecretKey;
  });

  it('records a failed sign-in under the account’s workspace with the email tried, never the password', async () => {
    const stranger = new BrowserClient(platform.baseUrl);
    const wrong = 'not-the-password-' + randomUUID();
    expect((await stranger.login(a.adminEmail, wrong)).status).toBe(401);

    const failures = await list(a, 'action=sign_in_failed');
    expect(failures[0]).toMatchObject({
      action: 'sign_in_failed',
      entity: 'user',
      entityId: a.adminId,
      actor: { kind: 'user', id: null },
      after: { email: a.adminEmail, reason: 'invalid_credentials' },
      clientAddress: expect.any(String),
    });
    expect(JSON.stringify(await rawRows(a.tenantId))).not.toContain(wrong);
    // The other workspace never sees it.
    expect(await list(b, 'action=sign_in_failed')).toEqual([]);
  });

  it('records a sign-in and a sign-out with the actor and the client address', async () => {
    const again = new BrowserClient(platform.baseUrl);
    expect((await again.login(a.adminEmail, PASSWORD)).status).toBe(200);
    expect((await again.call('POST', '/auth/logout')).status).toBe(204);
    const signIns = await list(a, `action=sign_in&actorId=${a.adminId}`);
    expect(signIns.length).toBeGreaterThanOrEqual(2); // the workspace setup's and this one
    expect(signIns[0]).toMatchObject({ actor: { kind: 'user', id: a.adminId }, clientAddress: expect.any(String) });
    expect(await list(a, 'action=sign_out')).toEqual([
      expect.objectContaining({ entityId: a.adminId, actor: { kind: 'user', id: a.adminId } }),
    ]);
  });

  it('records a password change as replaced, never the old or new password', async () => {
    const person = await addMember(a, 'marketer');
    const newPassword = 'a brand new passphrase ' + randomUUID();
    const changed = await person.member.call('POST', '/auth/password', { currentPassword: PASSWORD, newPassword });
    expect(changed.status).toBe(204);
    expect(await list(a, `actorId=${person.id}&action=update`)).toEqual([
      expect.objectContaining({
        entity: 'user',
        entityId: person.id,
        before: { password: '(secret)' },
        after: { password: '(replaced)' },
      }),
    ]);
    expect(JSON.stringify(await rawRows(a.tenantId))).not.toContain(newPassword);
  });

  it('records a role change with before and after', async () => {
    const person = await addMember(a, 'marketer');
    expect((await a.admin.call('PATCH', `/users/${person.id}`, { role: 'ops' })).status).toBe(200);
    const [change] = await list(a, `entity=membership&entityId=${person.id}`);
    expect(change).toMatchObject({
      action: 'update',
      actor: { kind: 'user', id: a.adminId },
      before: { role: 'marketer' },
      after: { role: 'ops' },
    });
    const [invited] = await list(a, 'entity=invitation&action=create');
    expect(invited!.after).toEqual({ email: person.email, role: 'marketer' });
    // The first sign-in of the account the invitation made accepted it, as that person.
    expect(await list(a, `entity=invitation&action=accept&actorId=${person.id}`)).toEqual([
      expect.objectContaining({
        entityId: invited!.entityId,
        after: { role: 'marketer' },
        clientAddress: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(await rawRows(a.tenantId))).not.toContain(PASSWORD);
  });

  it('records an API key created and revoked, never its secret; the key then acts under its own id', async () => {
    const created = await a.admin.call('POST', '/api-keys', { name: 'Zapier', role: 'admin' });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const keyId = (created.body.apiKey as { id: string }).id;

    // A call made with the key is audited as the key (a contact created through it).
    const withKey = await fetch(`${platform.baseUrl}/api/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ email: uniqueEmail('contact') }),
    });
    expect(withKey.status).toBe(201);
    expect((await a.admin.call('DELETE', `/api-keys/${keyId}`)).status).toBe(200);

    const entries = await list(a, `entity=api_key&entityId=${keyId}`);
    expect(entries.map((e) => e.action)).toEqual(['revoke', 'create']);
    expect(entries[1]!.after).toEqual({ name: 'Zapier', role: 'admin' });
    expect(await list(a, `actorId=${keyId}`)).toEqual([
      expect.objectContaining({ action: 'create', entity: 'contact', actor: { kind: 'api_key', id: keyId } }),
    ]);
    const raw = JSON.stringify(await rawRows(a.tenantId));
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(secret.slice(4, 20));
  });

  it('records a mailbox change by field name with the password only as replaced', async () => {
    const first = 'first-mailbox-pw-' + randomUUID();
    const second = 'second-mailbox-pw-' + randomUUID();
    const created = await a.admin.call('POST', '/mailboxes', {
      kind: 'smtp',
      name: 'Sales',
      fromAddress: 'sales@acme.test',
      host: 'smtp.acme.test',
      username: 'sales',
      password: first,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await a.admin.call('PATCH', `/mailboxes/${id}`, { name: 'Sales EU', secret: second })).status).toBe(200);
    expect((await a.admin.call('DELETE', `/mailboxes/${id}`)).status).toBe(204);

    const entries = await list(a, `entity=mailbox&entityId=${id}`);
    expect(entries.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(entries[1]).toMatchObject({
      before: { name: 'Sales', secret: '(secret)' },
      after: { name: 'Sales EU', secret: '(replaced)' },
    });
    expect(Object.keys(entries[1]!.after!).sort()).toEqual(['name', 'secret']);
    const raw = JSON.stringify(await rawRows(a.tenantId));
    expect(raw).not.toContain(first);
    expect(raw).not.toContain(second);
  });

  it('records provider settings changed by field, the Twilio token only as set or replaced', async () => {
    const sid = 'AC' + 'a'.repeat(32);
    const tokens = ['first-token-' + randomUUID(), 'second-token-' + randomUUID()];
    const put = (from: string, authToken: string) =>
      a.admin.call('PUT', '/messaging-providers/twilio', { accountSid: sid, from, authToken });
    expect((await put('+15550001111', tokens[0]!)).status).toBe(200);
    expect((await put('+15550002222', tokens[1]!)).status).toBe(200);
    expect((await a.admin.call('DELETE', '/messaging-providers/twilio')).status).toBe(200);
    const entries = await list(a, 'entity=messaging_provider&entityId=twilio');
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ['delete', { accountSid: sid, from: '+15550002222' }, null],
      ['update', { from: '+15550001111', authToken: '(secret)' }, { from: '+15550002222', authToken: '(replaced)' }],
      ['create', null, { accountSid: sid, from: '+15550001111', authToken: '(set)' }],
    ]);
    const raw = JSON.stringify(await rawRows(a.tenantId));
    for (const token of tokens) expect(raw).not.toContain(token);
  });

  it('records a flow publish, pause and archive', async () => {
    const definition = flowOf([{ id: 'tag', type: 'add_tag', settings: { tag: 'x' } }], [['start', 'tag']]);
    const flow = await a.admin.call('POST', '/flows', {
      name: `Audited ${randomUUID()}`,
      kind: 'sequence',
      draft: definition,
    });
    expect(flow.status).toBe(201);
    const flowId = flow.body.id as string;
    expect((await a.admin.call('POST', `/flows/${flowId}/publish`)).status).toBe(201);
    expect((await a.admin.call('POST', `/flows/${flowId}/pause`)).status).toBe(200);
    expect((await a.admin.call('POST', `/flows/${flowId}/archive`, { reason: 'done' })).status).toBe(200);
    const entries = await list(a, `entity=flow&entityId=${flowId}`);
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ['archive', { status: 'paused' }, { status: 'archived', reason: 'done' }],
      ['pause', { status: 'active' }, { status: 'paused' }],
      ['publish', null, { version: 1 }],
    ]);
  });

  it('filters by time and pages with a cursor', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await list(a, `since=${encodeURIComponent(future)}`)).toEqual([]);
    const first = await a.admin.call('GET', '/audit-log?limit=2');
    expect((first.body.items as unknown[]).length).toBe(2);
    const next = await a.admin.call(
      'GET',
      `/audit-log?limit=2&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
    );
    const ids = [...(first.body.items as AuditEntry[]), ...(next.body.items as AuditEntry[])].map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(4);
    expect((await a.admin.call('GET', '/audit-log?since=yesterday')).status).toBe(400);
  });

  it('exports the filtered entries of the caller’s workspace only as CSV', async () => {
    const response = await a.admin.call('GET', '/audit-log/export.csv?entity=mailbox');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse(response.text) as string[][];
    expect(rows[0]).toEqual((parse(auditCsvHeader()) as string[][])[0]);
    expect(rows.length).toBe(4);
    expect(rows.slice(1).every((row) => row[5] === 'mailbox')).toBe(true);
    expect(rows[2]![7]).toBe('name: Sales → Sales EU\nsecret: (secret) → (replaced)');

    const other = await b.admin.call('GET', '/audit-log/export.csv?entity=mailbox');
    expect((parse(other.text) as string[][]).length).toBe(1);
    expect((await list(b, 'limit=200')).every((e) => e.actor.id !== a.adminId)).toBe(true);
  });

  it('is for admins and ops only: a marketer and a sales rep get 403 on the list and the export', async () => {
    for (const role of ['marketer', 'sales_rep']) {
      const { member } = await addMember(b, role);
      expect((await member.call('GET', '/audit-log')).status).toBe(403);
      expect((await member.call('GET', '/audit-log/export.csv')).status).toBe(403);
    }
    const { member: ops } = await addMember(b, 'ops');
    expect((await ops.call('GET', '/audit-log')).status).toBe(200);
  });
});
