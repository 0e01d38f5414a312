import { randomUUID } from 'node:crypto';
import { createFlow, inviteTenantUser, listDomainEventsAfter, latestEventSeq, saveRunProjection } from '@cadenza/data';
import type { AuditEntry, BulkResult, Contact, ContactScore, Page, Principal, Role, SavedView } from '@cadenza/core';
import {
  call,
  createTestTenant,
  startCrmTestApi,
  type Caller,
  type CrmTestApi,
  type TestTenant,
} from '../crm/crm-test-api.test-support';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

/**
 * Saved views (per user, per workspace) and bulk actions over HTTP against the real app and
 * PostgreSQL: RBAC, tenant isolation, all-or-nothing transactions, audit and events.
 */
describe('contacts workspace: saved views, bulk actions, batch reads, score', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: Caller;
  let rep: Principal;
  let marketer: Principal;
  let outsider: Principal;

  /** A real member of the workspace (saved views and owners reference users). */
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
    tenant = await createTestTenant(api.db, 'Workspace A');
    other = await createTestTenant(api.db, 'Workspace B');
    admin = { apiKey: tenant.keys.admin };
    rep = await member(tenant, 'sales_rep');
    marketer = await member(tenant, 'marketer');
    outsider = await member(other, 'admin');
  });
  afterAll(() => api?.stop());

  const as = (user: Principal): Caller => ({ user });
  const newContact = async (fields: Record<string, unknown> = {}, caller: Caller = admin) => {
    const created = await call<Contact>(api, caller, 'POST', '/contacts', { firstName: 'Lead', ...fields });
    expect(created.status).toBe(201);
    return created.body;
  };

  describe('saved views', () => {
    const view = (name: string) => ({
      name,
      filters: { lifecycleStage: 'lead', tag: ['vip'], scoreMin: 40, customField: ['industry:SaaS'] },
      sort: 'score:desc',
      columns: ['name', 'score', 'tags'],
    });

    it('keeps views per user: created, listed, renamed and deleted by their owner only', async () => {
      const created = await call<SavedView>(api, as(rep), 'POST', '/contact-views', view('Hot SaaS leads'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...view('Hot SaaS leads'), id: expect.any(String) });

      const mine = await call<{ items: SavedView[] }>(api, as(rep), 'GET', '/contact-views');
      expect(mine.body.items.map((v) => v.name)).toEqual(['Hot SaaS leads']);
      // Another user of the same workspace, and a user of another workspace, see none of it.
      expect((await call<{ items: SavedView[] }>(api, as(marketer), 'GET', '/contact-views')).body.items).toEqual([]);
      expect((await call<{ items: SavedView[] }>(api, as(outsider), 'GET', '/contact-views')).body.items).toEqual([]);
      for (const stranger of [marketer, outsider]) {
        const path = `/contact-views/${created.body.id}`;
        expect((await call(api, as(stranger), 'PATCH', path, { name: 'Mine now' })).status).toBe(404);
        expect((await call(api, as(stranger), 'DELETE', path)).status).toBe(404);
      }

      const renamed = await call<SavedView>(api, as(rep), 'PATCH', `/contact-views/${created.body.id}`, {
        name: 'Hottest',
        sort: 'updatedAt:desc',
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Hottest', sort: 'updatedAt:desc', filters: view('x').filters });
      expect((await call(api, as(rep), 'DELETE', `/contact-views/${created.body.id}`)).status).toBe(204);
      expect((await call<{ items: SavedView[] }>(api, as(rep), 'GET', '/contact-views')).body.items).toEqual([]);
    });

    it('refuses a duplicate name, invalid filters and API keys, naming the field', async () => {
      expect((await call(api, as(marketer), 'POST', '/contact-views', view('Dup'))).status).toBe(201);
      const duplicate = await call<{ code: string; details: unknown }>(
        api,
        as(marketer),
        'POST',
        '/contact-views',
        view('Dup'),
      );
      expect(duplicate.status).toBe(409);
      expect(JSON.stringify(duplicate.body.details)).toContain('body.name');
      // The same name is free for someone else.
      expect((await call(api, as(rep), 'POST', '/contact-views', view('Dup'))).status).toBe(201);

      const badScore = await call<{ message: string }>(api, as(rep), 'POST', '/contact-views', {
        ...view('Bad'),
        filters: { scoreMin: 90, scoreMax: 10 },
      });
      expect(badScore.status).toBe(400);
      expect(badScore.body.message).toContain('scoreMin');
      const badSort = await call<{ message: string }>(api, as(rep), 'POST', '/contact-views', {
        ...view('Bad'),
        sort: 'password:asc',
      });
      expect(badSort.status).toBe(400);
      expect(badSort.body.message).toContain('sort');

      expect((await call(api, { apiKey: tenant.keys.admin }, 'POST', '/contact-views', view('Key'))).status).toBe(403);
      expect((await call(api, { apiKey: tenant.keys.admin }, 'GET', '/contact-views')).status).toBe(403);
    });
  });

  describe('bulk actions', () => {
    it('tags many contacts in one transaction, with an audit entry and an event per changed contact', async () => {
      const contacts = [
        await newContact({ tags: ['cold'] }),
        await newContact({ tags: ['cold', 'vip'] }),
        await newContact({ tags: ['hot'] }),
      ];
      const ids = contacts.map((c) => c.id);
      const seq = await latestEventSeq(api.db.manager, tenant.tenantId);
      const result = await call<BulkResult>(api, admin, 'POST', '/contacts/bulk/tags', {
        contactIds: [...ids, ids[0]],
        add: ['hot'],
        remove: ['cold'],
      });
      // The third already had 'hot' and no 'cold': it is counted, not rewritten.
      expect(result).toEqual({ status: 200, body: { changed: 2, unchanged: 1 } });
      const after = await call<{ items: Contact[] }>(api, admin, 'GET', `/contacts/batch?id=${ids.join(',')}`);
      expect(Object.fromEntries(after.body.items.map((c) => [c.id, c.tags]))).toEqual({
        [ids[0]!]: ['hot'],
        [ids[1]!]: ['vip', 'hot'],
        [ids[2]!]: ['hot'],
      });
      const events = await listDomainEventsAfter(api.db.manager, tenant.tenantId, seq, 100);
      expect(events.filter((e) => e.type === 'contact.updated').map((e) => e.subjectId)).toEqual(
        expect.arrayContaining(ids.slice(0, 2)),
      );
      const audit = await call<Page<AuditEntry>>(api, admin, 'GET', `/audit-log?entity=contact&entityId=${ids[1]}`);
      expect(audit.body.items[0]).toMatchObject({
        action: 'update',
        before: expect.objectContaining({ tags: ['cold', 'vip'] }),
      });

      // Doing it again changes nothing and says so.
      const again = await call<BulkResult>(api, admin, 'POST', '/contacts/bulk/tags', {
        contactIds: ids,
        add: ['hot'],
      });
      expect(again.body).toEqual({ changed: 0, unchanged: 3 });
    });

    it('changes none of the contacts when one is not visible, and names the field', async () => {
      const mine = await newContact({ tags: ['keep'] });
      const theirs = await newContact({ tags: ['keep'] }, { apiKey: other.keys.admin });
      const refused = await call<{ code: string; message: string }>(api, admin, 'POST', '/contacts/bulk/tags', {
        contactIds: [mine.id, theirs.id],
        add: ['touched'],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('body.contactIds');
      expect(refused.body.message).toContain(theirs.id);
      expect((await call<Contact>(api, admin, 'GET', `/contacts/${mine.id}`)).body.tags).toEqual(['keep']);
      const empty = await call(api, admin, 'POST', '/contacts/bulk/tags', { contactIds: [mine.id] });
      expect(empty.status).toBe(400);
    });

    it('assigns an owner to many contacts; reps may not hand contacts away; the owner must be a member', async () => {
      const ids = [(await newContact()).id, (await newContact()).id];
      const assigned = await call<BulkResult>(api, admin, 'POST', '/contacts/bulk/owner', {
        contactIds: ids,
        ownerId: rep.userId,
      });
      expect(assigned).toEqual({ status: 200, body: { changed: 2, unchanged: 0 } });
      // Now the rep sees them (sales reps see only their own contacts).
      const seen = await call<{ items: Contact[] }>(api, as(rep), 'GET', `/contacts/batch?id=${ids.join(',')}`);
      expect(seen.body.items.map((c) => c.ownerId)).toEqual([rep.userId, rep.userId]);

      const away = await call(api, as(rep), 'POST', '/contacts/bulk/owner', {
        contactIds: ids,
        ownerId: marketer.userId,
      });
      expect(away.status).toBe(403);
      const ops = await call(api, { apiKey: tenant.keys.ops }, 'POST', '/contacts/bulk/owner', {
        contactIds: ids,
        ownerId: null,
      });
      expect(ops.status).toBe(403);
      const stranger = await call<{ message: string }>(api, admin, 'POST', '/contacts/bulk/owner', {
        contactIds: ids,
        ownerId: outsider.userId,
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.message).toContain('body.ownerId');
      expect((await call<Contact>(api, admin, 'GET', `/contacts/${ids[0]}`)).body.ownerId).toBe(rep.userId);

      // A rep's bulk action over a contact that is not theirs is refused as a whole.
      const notTheirs = await newContact();
      const mixed = await call(api, as(rep), 'POST', '/contacts/bulk/tags', {
        contactIds: [ids[0], notTheirs.id],
        add: ['x'],
      });
      expect(mixed.status).toBe(400);
    });
  });

  it('reads contacts in batches, leaving out what the caller may not see', async () => {
    const a = await newContact();
    const b = await newContact({}, { apiKey: other.keys.admin });
    const both = await call<{ items: Contact[] }>(api, admin, 'GET', `/contacts/batch?id=${a.id}&id=${b.id}`);
    expect(both.body.items.map((c) => c.id)).toEqual([a.id]);
    expect((await call(api, admin, 'GET', '/contacts/batch?id=nope')).status).toBe(400);
    expect((await call(api, admin, 'GET', '/contacts/batch')).status).toBe(400);
  });

  it("answers a contact's score with the explanation of its latest AI score", async () => {
    const contact = await newContact({ score: 10 });
    const empty = await call<ContactScore>(api, admin, 'GET', `/contacts/${contact.id}/score`);
    expect(empty.body).toEqual({ score: 10, explanation: null, scoredAt: null, enrollmentId: null, flowId: null });

    const principal: Principal = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
    const flow = await createFlow(
      api.db,
      principal,
      { name: `Scoring ${randomUUID()}`, kind: 'sequence' },
      harnessEgress.allow,
    );
    const score = async (enrollmentId: string, endedAt: string, explanation: string) =>
      api.db.transaction((manager) =>
        saveRunProjection(
          manager,
          {
            enrollmentId,
            tenantId: tenant.tenantId,
            workflowId: `wf-${enrollmentId}`,
            flowId: flow.id,
            flowVersion: 1,
            contactId: contact.id,
            testMode: false,
            status: 'completed',
            currentNodeId: null,
            startedAt: endedAt,
            endedAt,
          },
          [
            {
              nodeId: 'score',
              nodeType: 'score_lead',
              visit: 1,
              status: 'completed',
              output: 'next',
              result: { score: 80, explanation },
              startedAt: endedAt,
              endedAt,
            },
          ],
        ),
      );
    const older = randomUUID();
    const newer = randomUUID();
    await score(older, '2025-01-01T00:00:00.000Z', 'Old reason');
    await score(newer, '2025-02-01T00:00:00.000Z', 'Runs a SaaS company of the right size');
    const scored = await call<ContactScore>(api, admin, 'GET', `/contacts/${contact.id}/score`);
    expect(scored.body).toEqual({
      score: 10,
      explanation: 'Runs a SaaS company of the right size',
      scoredAt: '2025-02-01T00:00:00.000Z',
      enrollmentId: newer,
      flowId: flow.id,
    });
    expect((await call(api, { apiKey: other.keys.admin }, 'GET', `/contacts/${contact.id}/score`)).status).toBe(404);
  });
});
