import { randomBytes, randomUUID } from 'node:crypto';
import { createMailbox, inviteTenantUser } from '@cadenza/data';
import type { MailboxView, Principal, Role } from '@cadenza/core';
import {
  call,
  createTestTenant,
  startCrmTestApi,
  type Caller,
  type CrmTestApi,
  type TestTenant,
} from '../crm/crm-test-api.test-support';

/**
 * Per-user mailboxes over HTTP against the real app and PostgreSQL: a sales rep connects, sees,
 * changes and removes their own mailbox without the admin role, and reaches no one else's (404,
 * as if it did not exist); admins see every mailbox's settings, never a secret. Rotation pools
 * and flow senders may name only the workspace's mailboxes.
 */
describe('mailbox ownership', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: Caller;
  let rep: Principal;
  let otherRep: Principal;
  let marketer: Principal;

  async function member(of: TestTenant, role: Role): Promise<Principal> {
    const { user } = await inviteTenantUser(
      api.db,
      of.tenantId,
      { email: `${role}-${randomUUID()}@example.com`, role, password: 'correct horse battery staple' },
      { kind: 'system', id: null },
    );
    return { tenantId: of.tenantId, userId: user.id, role, via: 'session' };
  }

  beforeAll(async () => {
    api = await startCrmTestApi();
    tenant = await createTestTenant(api.db, 'Mailbox owners');
    other = await createTestTenant(api.db, 'Another workspace');
    admin = { apiKey: tenant.keys.admin };
    rep = await member(tenant, 'sales_rep');
    otherRep = await member(tenant, 'sales_rep');
    marketer = await member(tenant, 'marketer');
  });
  afterAll(() => api?.stop());

  const as = (user: Principal): Caller => ({ user });
  const smtp = (name: string) => ({
    kind: 'smtp' as const,
    name,
    fromAddress: `${name}@acme.test`,
    host: 'smtp.acme.test',
  });
  const ids = (items: MailboxView[]) => items.map((item) => item.id).sort();

  it("a sales rep manages their own mailbox and cannot read or change another user's", async () => {
    const created = await call<MailboxView>(api, as(rep), 'POST', '/mailboxes', smtp('rep-own'));
    expect(created.status).toBe(201);
    expect(created.body.ownerUserId).toBe(rep.userId);
    const id = created.body.id;

    expect((await call(api, as(rep), 'GET', `/mailboxes/${id}`)).status).toBe(200);
    const renamed = await call<MailboxView>(api, as(rep), 'PATCH', `/mailboxes/${id}`, {
      name: 'Mine',
      dailyLimit: 40,
    });
    expect(renamed.body).toMatchObject({ name: 'Mine', dailyLimit: 40 });

    // Another rep of the same workspace: every route answers 404, nothing changes.
    for (const [method, path, body] of [
      ['GET', `/mailboxes/${id}`],
      ['PATCH', `/mailboxes/${id}`, { name: 'Taken over', fromAddress: 'thief@evil.test' }],
      ['POST', `/mailboxes/${id}/test`],
      ['POST', `/mailboxes/${id}/sync`],
      ['DELETE', `/mailboxes/${id}`],
    ] as const) {
      expect({ method, path, status: (await call(api, as(otherRep), method, path, body)).status }).toEqual({
        method,
        path,
        status: 404,
      });
    }
    expect((await call<{ items: MailboxView[] }>(api, as(otherRep), 'GET', '/mailboxes')).body.items).toEqual([]);
    const after = await call<MailboxView>(api, as(rep), 'GET', `/mailboxes/${id}`);
    expect(after.body).toMatchObject({ name: 'Mine', fromAddress: 'rep-own@acme.test' });

    expect((await call(api, as(rep), 'DELETE', `/mailboxes/${id}`)).status).toBe(204);
    expect((await call(api, as(rep), 'GET', `/mailboxes/${id}`)).status).toBe(404);
  });

  it("a rep sees only their own mailboxes, an admin every one's settings but never a secret", async () => {
    const workspace = await call<MailboxView>(api, admin, 'POST', '/mailboxes', smtp('team'));
    expect(workspace.body.ownerUserId).toBeNull();
    const own = await call<MailboxView>(api, as(rep), 'POST', '/mailboxes', smtp('rep-list'));
    // Sealed with the deployment key, as the API would with one: the view says only that it is there.
    const key = randomBytes(32);
    const sealed = await createMailbox(
      api.db,
      key,
      { tenantId: tenant.tenantId, ownerUserId: otherRep.userId! },
      {
        ...smtp('other-sealed'),
        port: 587,
        secure: false,
        password: 'hunter2-app-password',
        dailyLimit: 1000,
        perMinuteLimit: 10,
        isDefault: false,
      },
    );

    const repList = await call<{ items: MailboxView[] }>(api, as(rep), 'GET', '/mailboxes');
    expect(ids(repList.body.items)).toEqual([own.body.id]);
    const adminList = await call<{ items: MailboxView[] }>(api, admin, 'GET', '/mailboxes');
    expect(ids(adminList.body.items)).toEqual(expect.arrayContaining([workspace.body.id, own.body.id, sealed.id]));
    const seen = await call(api, admin, 'GET', `/mailboxes/${sealed.id}`);
    expect(seen.body).toMatchObject({ hasSecret: true, ownerUserId: otherRep.userId });
    expect(JSON.stringify(adminList.body)).not.toContain('hunter2');
    expect(JSON.stringify(seen.body)).not.toContain('hunter2');

    // A rep cannot add, see or change a workspace mailbox.
    expect((await call(api, as(rep), 'POST', '/mailboxes', { ...smtp('sneaky'), personal: false })).status).toBe(403);
    expect((await call(api, as(rep), 'GET', `/mailboxes/${workspace.body.id}`)).status).toBe(404);
    expect((await call(api, as(rep), 'PATCH', `/mailboxes/${workspace.body.id}`, { name: 'x' })).status).toBe(404);
    // Nor through an API key of its role, which is nobody's.
    expect((await call(api, { apiKey: tenant.keys.sales_rep }, 'GET', '/mailboxes')).status).toBe(403);
    // Another workspace's admin sees none of these.
    const outsider = await call<{ items: MailboxView[] }>(api, { apiKey: other.keys.admin }, 'GET', '/mailboxes');
    expect(outsider.body.items).toEqual([]);
    expect((await call(api, { apiKey: other.keys.admin }, 'GET', `/mailboxes/${own.body.id}`)).status).toBe(404);
  });

  it("pools and flow senders name only the workspace's mailboxes, and the check names the field", async () => {
    const team = await call<MailboxView>(api, admin, 'POST', '/mailboxes', smtp('pool-a'));
    const team2 = await call<MailboxView>(api, admin, 'POST', '/mailboxes', smtp('pool-b'));
    const personal = await call<MailboxView>(api, as(rep), 'POST', '/mailboxes', smtp('rep-pool'));

    expect((await call(api, as(rep), 'GET', '/mailbox-pools')).status).toBe(403);
    const refused = await call<{ details: { field: string } }>(api, admin, 'POST', '/mailbox-pools', {
      name: 'With a personal one',
      mailboxIds: [team.body.id, personal.body.id],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.field).toBe('mailboxIds');
    const pool = await call<{ id: string; mailboxIds: string[] }>(api, admin, 'POST', '/mailbox-pools', {
      name: `Rotation ${randomUUID()}`,
      mailboxIds: [team.body.id, team2.body.id],
    });
    expect(pool.status).toBe(201);
    expect(pool.body.mailboxIds.sort()).toEqual([team.body.id, team2.body.id].sort());
    const foreignPool = await call<{ id: string }>(api, { apiKey: other.keys.admin }, 'POST', '/mailbox-pools', {
      name: 'Theirs',
      mailboxIds: [
        (await call<MailboxView>(api, { apiKey: other.keys.admin }, 'POST', '/mailboxes', smtp('theirs'))).body.id,
      ],
    });

    // The designer's picker: a marketer sees workspace mailboxes by name, and pools; no personal ones.
    const options = await call<{ mailboxes: Array<{ id: string }>; pools: Array<{ id: string; size: number }> }>(
      api,
      as(marketer),
      'GET',
      '/sender-options',
    );
    const offered = options.body.mailboxes.map((mailbox) => mailbox.id);
    expect(offered).toEqual(expect.arrayContaining([team.body.id, team2.body.id]));
    expect(offered).not.toContain(personal.body.id);
    expect(options.body.pools).toContainEqual(expect.objectContaining({ id: pool.body.id, size: 2 }));

    const flowSending = (sender: unknown) => ({
      name: `Flow ${randomUUID()}`,
      kind: 'sequence',
      draft: {
        trigger: { id: 'start', type: 'manual', position: { x: 0, y: 0 }, settings: {} },
        settings: {},
        nodes: [
          {
            id: 'mail',
            type: 'send_email',
            position: { x: 1, y: 0 },
            settings: { subject: 'Hi', body: 'Hello', sender },
          },
        ],
        edges: [{ from: 'start', to: 'mail' }],
      },
    });
    const save = (sender: unknown) =>
      call<{ code: string; details: { errors: Array<{ nodeId: string; path: string }> } }>(
        api,
        as(marketer),
        'POST',
        '/flows',
        flowSending(sender),
      );
    for (const sender of [
      { kind: 'owner' },
      { kind: 'mailbox', mailboxId: team.body.id },
      { kind: 'pool', poolId: pool.body.id },
    ]) {
      expect((await save(sender)).status).toBe(201);
    }
    for (const [sender, path] of [
      [{ kind: 'mailbox', mailboxId: personal.body.id }, 'settings.sender.mailboxId'],
      [{ kind: 'mailbox', mailboxId: randomUUID() }, 'settings.sender.mailboxId'],
      [{ kind: 'pool', poolId: foreignPool.body.id }, 'settings.sender.poolId'],
    ] as const) {
      const response = await save(sender);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid_flow');
      expect(response.body.details.errors).toContainEqual(expect.objectContaining({ nodeId: 'mail', path }));
    }

    // Publish checks again: a draft saved with a mailbox that was removed since is refused.
    const doomed = await call<MailboxView>(api, admin, 'POST', '/mailboxes', smtp('doomed'));
    const draft = await save({ kind: 'mailbox', mailboxId: doomed.body.id });
    expect(draft.status).toBe(201);
    expect((await call(api, admin, 'DELETE', `/mailboxes/${doomed.body.id}`)).status).toBe(204);
    const published = await call<{ code: string; details: { errors: Array<{ path: string }> } }>(
      api,
      as(marketer),
      'POST',
      `/flows/${(draft.body as unknown as { id: string }).id}/publish`,
    );
    expect(published.status).toBe(400);
    expect(published.body.details.errors).toContainEqual(
      expect.objectContaining({ nodeId: 'mail', path: 'settings.sender.mailboxId' }),
    );
  });
});
