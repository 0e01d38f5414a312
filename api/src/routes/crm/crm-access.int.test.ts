import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { randomUUID } from 'node:crypto';
import type { Contact, FlowRun, MessageView, Page } from '@cadenza/core';
import { createActivityFixture, type ActivityFixture } from './activity-fixture.test-support';
import { ACTIVITY_ROUTES, type ActivityRouteCase } from './activity-route-table.test-support';
import { createCrmFixture, type CrmFixture } from './crm-fixture';
import { CRM_ROUTES, ROLE_ORDER, type RouteCase } from './crm-route-table';
import {
  call,
  createTestTenant,
  startCrmTestApi,
  type ApiResponse,
  type Caller,
  type CrmTestApi,
  type TestTenant,
} from './crm-test-api.test-support';

const label = (route: RouteCase | ActivityRouteCase) =>
  `${route.method} ${route
    .path({} as CrmFixture & ActivityFixture)
    .split('?')[0]!
    .replace(/undefined/g, ':id')}`;

describe('CRM access control', () => {
  let api: CrmTestApi;
  let owner: TestTenant;
  let other: TestTenant;
  let shared: CrmFixture;
  const fixture = () => createCrmFixture(api.db, owner.users.admin, owner.users.sales_rep.userId!);
  /** One row of a route table, sent by `caller` about fixture `fx`. */
  const send = <F>(
    caller: Caller,
    route: { method: string; path: (fx: F) => string; body?: (fx: F) => unknown },
    fx: F,
  ) => call(api, caller, route.method, route.path(fx), route.body?.(fx));
  /** The status a role-matrix row expects, and the error code when it is a refusal. */
  const expectStatus = (response: ApiResponse, status: number) =>
    expect([response.status, response.status >= 400 ? response.body : null]).toEqual([
      status,
      status >= 400 ? expect.objectContaining({ code: status === 403 ? 'forbidden' : expect.any(String) }) : null,
    ]);
  const expectNotFound = (response: ApiResponse) =>
    expect([response.status, response.body]).toEqual([404, expect.objectContaining({ code: 'not_found' })]);

  beforeAll(async () => {
    api = await startCrmTestApi();
    owner = await createTestTenant(api.db, 'owner tenant');
    other = await createTestTenant(api.db, 'other tenant');
    shared = await fixture();
  });
  afterAll(() => api?.stop());

  /** `METHOD /path/:id` of every operation of the OpenAPI document that `include` keeps. */
  const documentedRoutes = async (include: (path: string, op: { tags: string[] }) => boolean | undefined) => {
    const doc = (await (await fetch(`${api.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags: string[] }>>;
    };
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => include(path.replace('/api/v1', ''), op))
        .map(([method]) => `${method.toUpperCase()} ${path.replace('/api/v1', '').replace(/\{[^}]+\}/g, ':id')}`),
    );
  };

  it('covers every CRM route of the OpenAPI document in its table', async () => {
    const crmTags = new Set([
      'contacts',
      'companies',
      'pipelines',
      'deals',
      'tasks',
      'notes',
      'custom fields',
      'audit',
      'imports',
    ]);
    const documented = await documentedRoutes((path, op) => op.tags?.some((tag) => crmTags.has(tag)));
    expect(new Set(CRM_ROUTES.map(label))).toEqual(new Set(documented));
  });

  describe("another tenant's ids are not found", () => {
    it.each(CRM_ROUTES.filter((r) => !r.collection).map((r) => [label(r), r] as const))('%s → 404', async (_, route) =>
      expectNotFound(await send({ user: other.users.admin }, route, shared)),
    );

    it.each(CRM_ROUTES.filter((r) => r.collection).map((r) => [label(r), r] as const))(
      '%s neither shows nor links to them',
      async (_, route) => {
        const response = await send({ user: other.users.admin }, route, shared);
        if (route.method === 'GET') expect(response.status).toBe(200);
        else expect([200, 201, 400]).toContain(response.status);
        if (route.body && JSON.stringify(route.body(shared)).match(/[0-9a-f]{8}-/)) {
          // A create that names the other tenant's records is refused, naming the field.
          expect(response).toMatchObject({
            status: 400,
            body: { details: { fields: [{ field: expect.stringMatching(/^body\./) }] } },
          });
        } else {
          const text = JSON.stringify(response.body);
          for (const id of Object.values(shared)) expect(text).not.toContain(id);
        }
      },
    );
  });

  describe('role matrix (signed-in users; the sales rep owns the records)', () => {
    const cases = CRM_ROUTES.flatMap((route) =>
      ROLE_ORDER.map((role, i) => [label(route), role, route.expect[i]!, route] as const),
    );
    it.each(cases)('%s as %s → %i', async (_, role, status, route) => {
      const fx = route.destructive ? await fixture() : shared;
      expectStatus(await send({ user: owner.users[role] }, route, fx), status);
    });
  });

  describe('sales reps see and change only what they own', () => {
    it("hides another user's contact, deal, task and note", async () => {
      const theirs = await createCrmFixture(api.db, owner.users.admin, randomUUID());
      const rep = { user: owner.users.sales_rep };
      for (const path of [
        `/contacts/${theirs.contactId}`,
        `/contacts/${theirs.contactId}/timeline`,
        `/deals/${theirs.dealId}`,
        `/tasks/${theirs.taskId}`,
        `/notes/${theirs.noteId}`,
      ]) {
        expect([path, (await call(api, rep, 'GET', path)).status]).toEqual([path, 404]);
      }
      expect((await call(api, rep, 'PATCH', `/contacts/${theirs.contactId}`, { title: 'x' })).status).toBe(404);
      expect(
        (await call(api, rep, 'PATCH', `/deals/${theirs.dealId}/stage`, { stageId: theirs.emptyStageId })).status,
      ).toBe(404);
      const list = await call<Page<Contact>>(api, rep, 'GET', '/contacts?limit=200');
      expect(list.body.items.map((c) => c.id)).not.toContain(theirs.contactId);
      expect(list.body.items.every((c) => c.ownerId === owner.users.sales_rep.userId)).toBe(true);
      // Linking a deal to a contact they cannot see names the field.
      const link = await call(api, rep, 'POST', '/deals', {
        name: 'x',
        pipelineId: theirs.pipelineId,
        stageId: theirs.stageId,
        contactId: theirs.contactId,
      });
      expect(link.body).toMatchObject({ details: { fields: [{ field: 'body.contactId' }] } });
      // Admins see everything.
      expect((await call(api, { user: owner.users.admin }, 'GET', `/contacts/${theirs.contactId}`)).status).toBe(200);
    });

    it('owns what they create and may not hand it to someone else', async () => {
      const rep = { user: owner.users.sales_rep };
      const mine = await call<Contact>(api, rep, 'POST', '/contacts', { firstName: 'Mine' });
      expect(mine.body.ownerId).toBe(owner.users.sales_rep.userId);
      const giveAway = await call(api, rep, 'PATCH', `/contacts/${mine.body.id}`, { ownerId: randomUUID() });
      expect(giveAway.status).toBe(403);
      const forOther = await call(api, rep, 'POST', '/contacts', { firstName: 'x', ownerId: randomUUID() });
      expect(forOther.status).toBe(403);
      // A sales_rep API key has no user, so it owns nothing: it sees nothing and may not create.
      const key = { apiKey: owner.keys.sales_rep };
      expect((await call(api, key, 'GET', `/contacts/${mine.body.id}`)).status).toBe(404);
      expect((await call(api, key, 'POST', '/contacts', { firstName: 'x' })).status).toBe(403);
    });
  });
  describe('flow activity: messages, runs, run signals, enrollments', () => {
    let activity: ActivityFixture;
    const activityFixture = (ownerId: string) =>
      createActivityFixture(api.db, api.temporal, owner.users.admin, ownerId);
    beforeAll(async () => {
      activity = await activityFixture(owner.users.sales_rep.userId!);
    });

    it('covers every run and outbox route of the OpenAPI document in its table', async () => {
      const documented = await documentedRoutes((path, op) => op.tags?.includes('runs') || path.startsWith('/outbox'));
      const tabled = ACTIVITY_ROUTES.map(label).filter((route) => !route.endsWith('/approvals'));
      expect(new Set(tabled)).toEqual(new Set(documented));
    });

    it.each(
      ACTIVITY_ROUTES.flatMap((route) =>
        ROLE_ORDER.map((role, i) => [label(route), role, route.expect[i]!, route] as const),
      ),
    )('%s as %s → %i', async (_, role, status, route) =>
      expectStatus(await send({ user: owner.users[role] }, route, activity), status),
    );

    it.each(ACTIVITY_ROUTES.filter((r) => !r.collection).map((r) => [label(r), r] as const))(
      "%s with another tenant's ids → 404",
      async (_, route) => expectNotFound(await send({ user: other.users.admin }, route, activity)),
    );

    it.each(ACTIVITY_ROUTES.filter((r) => r.contactScoped).map((r) => [label(r), r] as const))(
      "%s about another user's contact → 404 for a sales rep, as the contact is",
      async (_, route) => {
        const theirs = await activityFixture(randomUUID());
        for (const caller of [{ user: owner.users.sales_rep }, { apiKey: owner.keys.sales_rep }]) {
          const response = await send(caller, route, theirs);
          // Without the permission it is still 403: the permission is checked first.
          if (route.expect[ROLE_ORDER.indexOf('sales_rep')] === 403) expectStatus(response, 403);
          else expectNotFound(response);
        }
        expect((await call(api, { user: owner.users.admin }, 'GET', `/runs/${theirs.enrollmentId}`)).status).toBe(200);
      },
    );

    it("lists a sales rep's messages and runs only, filtered before the page is cut", async () => {
      const rep = { user: owner.users.sales_rep };
      const theirs = await activityFixture(randomUUID());
      const mine = await activityFixture(owner.users.sales_rep.userId!);
      // Newer than mine: a page of one cut before filtering would come back empty.
      const newest = await activityFixture(randomUUID());
      const page = await call<Page<MessageView>>(api, rep, 'GET', '/outbox?limit=1');
      expect(page.body.items.map((m) => m.id)).toEqual([mine.messageId]);
      const all = await call<Page<MessageView>>(api, rep, 'GET', '/outbox?limit=200');
      expect(all.body.items.map((m) => m.id)).not.toContain(theirs.messageId);
      expect(all.body.items.map((m) => m.id)).not.toContain(newest.messageId);
      const byContact = await call<Page<MessageView>>(api, rep, 'GET', `/outbox?contactId=${theirs.contactId}`);
      expect(byContact.body.items).toEqual([]);

      const runs = await call<{ items: FlowRun[] }>(api, rep, 'GET', '/runs?limit=1');
      expect(runs.body.items.map((r) => r.enrollmentId)).toEqual([mine.enrollmentId]);
      const forTheirs = await call<{ items: FlowRun[] }>(api, rep, 'GET', `/runs?contactId=${theirs.contactId}`);
      expect(forTheirs.body.items).toEqual([]);
      // Admins and ops see every run; a sales rep's API key owns nothing and sees none.
      const admin = await call<{ items: FlowRun[] }>(api, { user: owner.users.admin }, 'GET', '/runs?limit=1');
      expect(admin.body.items.map((r) => r.enrollmentId)).toEqual([newest.enrollmentId]);
      const key = await call<{ items: FlowRun[] }>(api, { apiKey: owner.keys.sales_rep }, 'GET', '/runs');
      expect(key.body.items).toEqual([]);
    });

    it('enrolls only contacts a sales rep owns, one by one and in bulk', async () => {
      const rep = { user: owner.users.sales_rep };
      const theirs = await activityFixture(randomUUID());
      const mine = await activityFixture(owner.users.sales_rep.userId!);
      const inline = await call<{ items: Array<{ contactId: string; status: string }> }>(
        api,
        rep,
        'POST',
        `/flows/${theirs.flowId}/enrollments`,
        { contactIds: [theirs.contactId, mine.contactId] },
      );
      expect(inline.body.items).toEqual([
        { contactId: theirs.contactId, status: 'contact_not_found' },
        expect.objectContaining({ contactId: mine.contactId, status: 'started' }),
      ]);
      const many = [theirs.contactId, mine.contactId, ...Array.from({ length: 100 }, () => randomUUID())];
      const bulk = await call<{ bulkEnrollmentId: string; contacts: number }>(
        api,
        rep,
        'POST',
        `/flows/${theirs.flowId}/enrollments`,
        { contactIds: many },
      );
      expect(bulk.status).toBe(202);
      // The workflow is handed the rep's own contact only.
      const history = await api.temporal.workflow.getHandle(bulk.body.bulkEnrollmentId).fetchHistory();
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      // Decoded as the worker would: the payload is encrypted under the tenant's key.
      const input = await decodeFromPayloadsAtIndex<{ contactIds: string[] }>(
        api.temporal.options.loadedDataConverter,
        0,
        started!.input!.payloads,
      );
      expect(input.contactIds).toEqual([mine.contactId]);
      expect(bulk.body.contacts).toBe(1);
    });
  });
});
