import { randomUUID } from 'node:crypto';
import { createApiKey } from '@cadenza/data';
import type { Principal } from '@cadenza/core';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';

/** The flow API end to end on a real Temporal dev server, worker and PostgreSQL. */
describe('flows API', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;

  beforeAll(async () => {
    platform = await startTestPlatform(`flows-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db, 'Flows API');
    admin = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
  });
  afterAll(() => platform?.stop());

  const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.key ?? tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  const waitThenTag = (days: number, tagName: string) =>
    flowOf(
      [
        { id: 'wait', type: 'wait', settings: { mode: 'duration', duration: { amount: days, unit: 'days' } } },
        { id: 'tag', type: 'add_tag', settings: { tag: tagName } },
      ],
      [
        ['start', 'wait'],
        ['wait', 'tag'],
      ],
    );
  const tagOnly = (tagName: string) =>
    flowOf([{ id: 'tag', type: 'add_tag', settings: { tag: tagName } }], [['start', 'tag']]);

  async function createPublished(definition: unknown) {
    const created = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft: definition },
    });
    expect(created.status).toBe(201);
    const published = await api(`/flows/${created.body.id}/publish`, { method: 'POST' });
    expect(published.status).toBe(201);
    return created.body.id as string;
  }

  const runOf = async (flowId: string, contactId: string) =>
    waitUntil(
      'run in the projection',
      async () => (await api(`/runs?flowId=${flowId}&contactId=${contactId}`)).body.items[0],
    );

  it('refuses an invalid draft with node-level errors, and saves nothing', async () => {
    const broken = flowOf(
      [{ id: 'tag', type: 'add_tag', settings: { tag: '' } }],
      [
        ['start', 'tag'],
        ['tag', 'ghost'],
      ],
    );
    const response = await api('/flows', { method: 'POST', body: { name: 'Broken', kind: 'sequence', draft: broken } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_flow');
    const nodeIds = response.body.details.errors.map((e: { nodeId?: string }) => e.nodeId);
    expect(nodeIds).toContain('tag');
    expect((await api('/flows')).body.items.some((f: { name: string }) => f.name === 'Broken')).toBe(false);
  });

  it('refuses templates and conditions that name unknown contact fields', async () => {
    const definition = flowOf(
      [{ id: 'task', type: 'create_task', settings: { title: 'Call {{contact.nickname}}' } }],
      [['start', 'task']],
    );
    const response = await api('/flows/validate', { method: 'POST', body: { definition } });
    expect(response.body.ok).toBe(false);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ nodeId: 'task', message: expect.stringContaining('nickname') }),
    ]);
    const known = flowOf(
      [{ id: 'task', type: 'create_task', settings: { title: 'Call {{contact.firstName}}' } }],
      [['start', 'task']],
    );
    expect((await api('/flows/validate', { method: 'POST', body: { definition: known } })).body).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
  });

  it('warns of a "Read the reply" step with no reply wait before it, and not of one after a reply wait', async () => {
    const read = { id: 'read', type: 'triage_reply', settings: {} };
    const alone = flowOf([read], [['start', 'read']]);
    expect((await api('/flows/validate', { method: 'POST', body: { definition: alone } })).body).toEqual({
      ok: true,
      errors: [],
      warnings: [expect.objectContaining({ code: 'triage_without_reply_wait', nodeId: 'read' })],
    });
    const afterWait = flowOf(
      [
        {
          id: 'await',
          type: 'wait_for_event',
          settings: { event: { kind: 'reply' }, timeout: { amount: 2, unit: 'days' } },
        },
        read,
      ],
      [
        ['start', 'await'],
        ['await', 'read'],
      ],
    );
    expect((await api('/flows/validate', { method: 'POST', body: { definition: afterWait } })).body.warnings).toEqual(
      [],
    );
  });

  it('removes a contact from flows that ask for it when it enters another flow', async () => {
    const nurture = await createPublished(
      flowOf(
        [
          { id: 'wait', type: 'wait', settings: { mode: 'duration', duration: { amount: 30, unit: 'days' } } },
          { id: 'tag', type: 'add_tag', settings: { tag: 'nurtured' } },
        ],
        [
          ['start', 'wait'],
          ['wait', 'tag'],
        ],
        { unenrollOn: { enteredFlow: 'any' } },
      ),
    );
    const sales = await createPublished(waitThenTag(30, 'sales'));
    const contactId = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    await api(`/flows/${nurture}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const nurtureRun = await runOf(nurture, contactId);
    const entered = await api(`/flows/${sales}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    expect(entered.body.items[0]).toMatchObject({ status: 'started', unenrolledFrom: [nurture] });
    const left = await waitUntil('nurture run unenrolled', async () => {
      const run = await api(`/runs/${nurtureRun.enrollmentId}`);
      return run.body.status === 'unenrolled' ? run.body : undefined;
    });
    expect(left.exitReason).toBe(`entered_flow: ${sales}`);
  });

  it('enrolls a contact once: a second enrollment of the same contact is refused by Temporal', async () => {
    const flowId = await createPublished(waitThenTag(30, 'later'));
    const contactId = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    const first = await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    expect(first.status).toBe(200);
    expect(first.body.items[0]).toMatchObject({ contactId, status: 'started', version: 1 });
    const second = await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    expect(second.body.items[0]).toMatchObject({ contactId, status: 'already_enrolled' });

    const run = await runOf(flowId, contactId);
    expect(run).toMatchObject({ status: 'waiting', currentNodeId: 'wait', flowVersion: 1 });
    expect(run.temporalUiUrl).toContain(encodeURIComponent(run.workflowId));
    const detail = await api(`/runs/${run.enrollmentId}`);
    expect(detail.body.steps).toEqual([]);

    const counts = await api(`/flows/${flowId}/node-counts`);
    expect(counts.body).toEqual({ wait: 1 });
  });

  it('pages runs newest first with a cursor, and refuses a cursor it did not make', async () => {
    const flowId = await createPublished(waitThenTag(30, 'paged'));
    const contactIds = [];
    for (let i = 0; i < 5; i++)
      contactIds.push(await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` }));
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds } });
    await waitUntil(
      'five runs in the projection',
      async () => (await api(`/runs?flowId=${flowId}`)).body.items.length === 5,
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await api(`/runs?flowId=${flowId}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((run: { enrollmentId: string }) => run.enrollmentId));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const all = (await api(`/runs?flowId=${flowId}`)).body.items.map(
      (run: { enrollmentId: string }) => run.enrollmentId,
    );
    expect(seen).toEqual(all);

    const forged = await api(`/runs?flowId=${flowId}&cursor=not-a-cursor`);
    expect(forged.status).toBe(400);
    expect(forged.body.message).toContain('query.cursor');
  });

  it('keeps a run on the version it started with when a new version is published', async () => {
    const flowId = await createPublished(waitThenTag(1, 'from_v1'));
    const early = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [early] } });
    const earlyRun = await runOf(flowId, early);

    const saved = await api(`/flows/${flowId}`, { method: 'PATCH', body: { draft: tagOnly('from_v2') } });
    expect(saved.status).toBe(200);
    expect((await api(`/flows/${flowId}/publish`, { method: 'POST' })).body.version).toBe(2);

    const late = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    const enrolled = await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [late] } });
    expect(enrolled.body.items[0].version).toBe(2);
    await waitUntil('v2 run done', async () => (await runOf(flowId, late)).status === 'completed');

    // The early run is still on version 1, waiting; skip its wait and it finishes v1's steps.
    expect((await api(`/runs/${earlyRun.enrollmentId}/skip-wait`, { method: 'POST' })).status).toBe(202);
    const done = await waitUntil('v1 run done', async () => {
      const run = await api(`/runs/${earlyRun.enrollmentId}`);
      return run.body.status === 'completed' ? run.body : undefined;
    });
    expect(done.flowVersion).toBe(1);
    expect(done.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['wait', 'tag']);
    const contacts = await Promise.all([early, late].map((id) => api(`/contacts/${id}`)));
    expect(contacts.map((c) => c.body.tags)).toEqual([['from_v1'], ['from_v2']]);
    expect((await api(`/flows/${flowId}/versions`)).body.items.map((v: { version: number }) => v.version)).toEqual([
      2, 1,
    ]);
  });

  it('stops new enrollments when paused, and cancels open runs with the reason when archived', async () => {
    const flowId = await createPublished(waitThenTag(30, 'never'));
    const contactId = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const run = await runOf(flowId, contactId);

    expect((await api(`/flows/${flowId}/pause`, { method: 'POST' })).body.status).toBe('paused');
    const refused = await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/paused/);

    const archived = await api(`/flows/${flowId}/archive`, { method: 'POST', body: { reason: 'campaign over' } });
    expect(archived.body).toMatchObject({
      cancelled: 1,
      flow: { status: 'archived', archivedReason: 'campaign over' },
    });
    const ended = await waitUntil('run cancelled', async () => {
      const detail = await api(`/runs/${run.enrollmentId}`);
      return detail.body.status === 'cancelled' ? detail.body : undefined;
    });
    expect(ended.exitReason).toBe('flow archived: campaign over');
  });

  it('test-runs the draft against a contact, capturing side effects instead of doing them', async () => {
    const created = await api('/flows', {
      method: 'POST',
      body: { name: 'Draft only', kind: 'sequence', draft: tagOnly('test_tag') },
    });
    const contactId = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    const started = await api(`/flows/${created.body.id}/test-runs`, { method: 'POST', body: { contactId } });
    expect(started.status).toBe(202);
    const detail = await waitUntil('test run done', async () => {
      const run = await api(`/runs/${started.body.enrollmentId}`);
      return run.body?.status === 'completed' ? run.body : undefined;
    });
    expect(detail.testMode).toBe(true);
    expect(detail.steps[0]).toMatchObject({
      nodeId: 'tag',
      status: 'captured',
      result: { wouldDo: { addTag: 'test_tag' } },
    });
    expect((await api(`/contacts/${contactId}`)).body.tags).toEqual([]);
  });

  it('enrolls a list of 150 contacts as a bulk-enrollment workflow with progress', async () => {
    const flowId = await createPublished(tagOnly('bulk'));
    const contactIds = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        newContact(platform.db, admin, { email: `bulk-${i}-${randomUUID()}@example.com` }),
      ),
    );
    const started = await api(`/flows/${flowId}/enrollments`, {
      method: 'POST',
      body: { contactIds: [...contactIds, randomUUID()] },
    });
    expect(started.status).toBe(202);
    const progress = await waitUntil(
      'bulk enrollment done',
      async () => {
        const response = await api(`/bulk-enrollments/${encodeURIComponent(started.body.bulkEnrollmentId)}`);
        return response.body?.done === 151 ? response.body : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(progress).toMatchObject({ total: 151, started: 150, failed: 1 });
  }, 120_000);

  it('keeps flows and runs inside their tenant', async () => {
    const flowId = await createPublished(tagOnly('mine'));
    const other = await createTenantWithKey(platform.db, 'Other flows tenant');
    expect((await api(`/flows/${flowId}`, { key: other.apiKey })).status).toBe(404);
    expect((await api(`/flows/${flowId}/publish`, { method: 'POST', key: other.apiKey })).status).toBe(404);
    const contactId = await newContact(platform.db, admin, { email: `${randomUUID()}@example.com` });
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const run = await runOf(flowId, contactId);
    expect((await api(`/runs/${run.enrollmentId}`, { key: other.apiKey })).status).toBe(404);
    expect(
      (await api(`/runs/${run.enrollmentId}/cancel`, { method: 'POST', body: {}, key: other.apiKey })).status,
    ).toBe(404);
  });

  it('lets only flow managers publish: a sales rep key gets 403', async () => {
    const flowId = await createPublished(tagOnly('x'));
    const repKey = await createApiKey(platform.db, tenant.tenantId, 'rep', 'sales_rep');
    const response = await api(`/flows/${flowId}/publish`, { method: 'POST', key: repKey });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/flows:manage/);
  });
});
