import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import {
  enrollmentWorkflowId,
  flowScheduleId,
  triggerDispatcherWorkflowId,
  type FlowDefinitionInput,
  type Principal,
} from '@cadenza/core';
import {
  changeDealStage,
  createContact,
  createDeal,
  createPipeline,
  latestEventSeq,
  updateContact,
} from '@cadenza/data';
import { ensureTriggerDispatcher } from '@cadenza/services/flow';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf } from '@cadenza/test-harness/flow-fixtures';

/**
 * Flow triggers on the real dev server, worker and PostgreSQL: the event dispatcher
 * (contact and deal events), webhooks, and cron schedules.
 */
describe('flow triggers', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  const taskQueue = `triggers-${randomUUID()}`;

  beforeAll(async () => {
    platform = await startTestPlatform(taskQueue);
    tenant = await createTenantWithKey(platform.db, 'Trigger tests');
    admin = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
  }, 120_000);

  afterAll(async () => {
    await platform?.temporal.workflow
      .getHandle(triggerDispatcherWorkflowId(tenant.tenantId))
      .terminate('tests done')
      .catch(() => undefined);
    await platform?.stop();
  });

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  /** A flow whose run waits a week, so an enrollment stays open and visible. */
  function definition(type: string, settings: Record<string, unknown>): FlowDefinitionInput {
    const flow = flowOf(
      [{ id: 'hold', type: 'wait', settings: { mode: 'duration', duration: { amount: 7, unit: 'days' } } }],
      [['start', 'hold']],
    );
    return { ...flow, trigger: { id: 'start', type, position: { x: 0, y: 0 }, settings } } as FlowDefinitionInput;
  }

  async function publish(type: string, settings: Record<string, unknown>): Promise<string> {
    const created = await api('/flows', {
      method: 'POST',
      body: { name: `${type} flow`, kind: 'automation', draft: definition(type, settings) },
    });
    expect(created.status).toBe(201);
    const published = await api(`/flows/${created.body.id}/publish`, { method: 'POST' });
    expect(published.status).toBe(201);
    return created.body.id!;
  }

  /** Enrollments per contact, from the runs projection (one row per started run). */
  async function runsOf(flowId: string): Promise<Record<string, number>> {
    const rows = (await platform.db.query(
      `SELECT contact_id, count(*)::int AS n FROM flow_runs WHERE tenant_id = $1 AND flow_id = $2 GROUP BY contact_id`,
      [tenant.tenantId, flowId],
    )) as Array<{ contact_id: string; n: number }>;
    return Object.fromEntries(rows.map((row) => [row.contact_id, row.n]));
  }

  const enrolled = (flowId: string, contactId: string) =>
    waitUntil(`contact ${contactId} enrolled`, async () => (await runsOf(flowId))[contactId] === 1, {
      timeoutMs: 30_000,
    });

  const dispatcher = () => platform.temporal.workflow.getHandle(triggerDispatcherWorkflowId(tenant.tenantId));

  /** The dispatcher has handled every event committed so far. */
  async function dispatcherCaughtUp(): Promise<void> {
    const head = await latestEventSeq(platform.db.manager, tenant.tenantId);
    await waitUntil('dispatcher caught up', async () => (await dispatcher().query<number>('cursor')) >= head, {
      timeoutMs: 30_000,
    });
  }

  const newContact = async (fields: Record<string, unknown> = {}) =>
    (await createContact(platform.db, admin, { email: `${randomUUID()}@example.com`, ...fields })).id;

  let updatedFlowId: string;

  it('enrolls a contact whose update matches the filter exactly once, and no one else', async () => {
    // Matched before the flow existed: an event from before publishing never enrolls.
    const early = await newContact();
    await updateContact(platform.db, admin, early, { lifecycleStage: 'customer' });

    updatedFlowId = await publish('contact_updated', {
      filter: { field: 'contact.lifecycleStage', operator: 'equals', value: 'customer' },
      fields: ['lifecycleStage'],
    });
    expect((await dispatcher().describe()).status.name).toBe('RUNNING');

    const lead = await newContact();
    const buyer = await newContact();
    await updateContact(platform.db, admin, lead, { lifecycleStage: 'lead' });
    await updateContact(platform.db, admin, buyer, { lifecycleStage: 'customer' });
    // A second matching update, and one of an unwatched field: still one enrollment.
    await updateContact(platform.db, admin, buyer, { title: 'CTO' });
    await updateContact(platform.db, admin, buyer, { lifecycleStage: 'opportunity' });
    await updateContact(platform.db, admin, buyer, { lifecycleStage: 'customer' });

    await enrolled(updatedFlowId, buyer);
    await dispatcherCaughtUp();
    const runs = await runsOf(updatedFlowId);
    expect(runs).toEqual({ [buyer]: 1 });
    const run = await platform.temporal.workflow
      .getHandle(enrollmentWorkflowId(tenant.tenantId, updatedFlowId, buyer))
      .describe();
    expect(run.memo).toMatchObject({ source: expect.stringMatching(/^trigger:contact\.updated:\d+$/) });
  }, 60_000);

  it('resumes from its cursor after being terminated: no event lost, no one enrolled twice', async () => {
    await dispatcherCaughtUp();
    const before = await dispatcher().query<number>('cursor');
    await dispatcher().terminate('simulated crash');

    // Written while no dispatcher runs.
    const missed = await newContact();
    await updateContact(platform.db, admin, missed, { lifecycleStage: 'customer' });

    const deps = { db: platform.db, temporal: platform.temporal, taskQueue };
    expect(await ensureTriggerDispatcher(deps, tenant.tenantId)).toBe('signalled');
    const restarted = await dispatcher().describe();
    expect(restarted.status.name).toBe('RUNNING');
    expect(restarted.memo?.cursor ?? before).toBeGreaterThanOrEqual(before);

    await enrolled(updatedFlowId, missed);
    await dispatcherCaughtUp();
    const runs = await runsOf(updatedFlowId);
    expect(Object.values(runs)).toEqual([1, 1]);
    expect(runs[missed]).toBe(1);
  }, 60_000);

  it('enrolls the contact of a deal that enters the watched stage', async () => {
    const pipeline = await createPipeline(platform.db, admin, {
      name: 'Sales',
      stages: [{ name: 'New' }, { name: 'Demo' }, { name: 'Lost' }],
    });
    const [fresh, demo, lost] = pipeline.stages;
    const flowId = await publish('deal_stage_changed', { pipelineId: pipeline.id, toStage: demo!.id });
    const watcher = await newContact();
    const bystander = await newContact();
    const lostDeal = await createDeal(platform.db, admin, {
      name: 'Lost deal',
      pipelineId: pipeline.id,
      stageId: fresh!.id,
      contactId: bystander,
    });
    await changeDealStage(platform.db, admin, lostDeal.id, { stageId: lost!.id });
    const deal = await createDeal(platform.db, admin, {
      name: 'Good deal',
      pipelineId: pipeline.id,
      stageId: fresh!.id,
      contactId: watcher,
    });
    await changeDealStage(platform.db, admin, deal.id, { stageId: demo!.id });

    await enrolled(flowId, watcher);
    await dispatcherCaughtUp();
    expect(await runsOf(flowId)).toEqual({ [watcher]: 1 });
  }, 60_000);

  it('enrolls a webhook sender by email, creating the contact, and refuses a flow of another trigger', async () => {
    const flowId = await publish('webhook_received', { endpointKey: 'signup' });
    const email = `signup-${randomUUID()}@example.com`;

    const first = await api(`/flows/${flowId}/webhook`, { method: 'POST', body: { email, data: { plan: 'pro' } } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'started', contactCreated: true });
    const contact = await platform.db.query(`SELECT id, source FROM contacts WHERE tenant_id = $1 AND email = $2`, [
      tenant.tenantId,
      email,
    ]);
    expect(contact).toEqual([{ id: first.body.contactId, source: 'webhook' }]);
    await enrolled(flowId, first.body.contactId!);

    const again = await api(`/flows/${flowId}/webhook`, { method: 'POST', body: { email: email.toUpperCase() } });
    expect(again.body).toMatchObject({
      status: 'already_enrolled',
      contactCreated: false,
      contactId: first.body.contactId,
    });

    const wrong = await api(`/flows/${updatedFlowId}/webhook`, { method: 'POST', body: { email } });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 'wrong_trigger' });

    const nobody = await api(`/flows/${flowId}/webhook`, { method: 'POST', body: { data: { plan: 'pro' } } });
    expect(nobody.status).toBe(400);

    await api(`/flows/${flowId}/pause`, { method: 'POST' });
    const paused = await api(`/flows/${flowId}/webhook`, { method: 'POST', body: { email } });
    expect(paused.status).toBe(409);
    expect(paused.body).toMatchObject({ code: 'flow_not_active' });
  }, 60_000);

  it('keeps a Temporal Schedule in step with the flow, and a tick enrolls the matching contacts', async () => {
    const vip = await newContact({ tags: ['vip'] });
    const regular = await newContact({ tags: ['newsletter'] });
    const flowId = await publish('schedule', {
      cron: '0 9 * * 1',
      timezone: 'Europe/Paris',
      filter: { field: 'contact.tags', operator: 'contains', value: 'vip' },
    });
    const schedule = platform.temporal.schedule.getHandle(flowScheduleId(tenant.tenantId, flowId));
    const created = await schedule.describe();
    expect(created.state.paused).toBe(false);
    expect(created.spec.timezone).toBe('Europe/Paris');

    await schedule.trigger();
    await enrolled(flowId, vip);
    // The tick finishes once every page is enrolled; by then the non-matching contact was skipped.
    await waitUntil(
      'tick finished',
      async () =>
        (await schedule.describe()).info.recentActions.length > 0 &&
        (await schedule.describe()).info.runningActions.length === 0,
    );
    expect(await runsOf(flowId)).toEqual({ [vip]: 1 });
    expect(Object.keys(await runsOf(flowId))).not.toContain(regular);

    expect((await api(`/flows/${flowId}/pause`, { method: 'POST' })).status).toBe(200);
    expect((await schedule.describe()).state.paused).toBe(true);
    expect((await api(`/flows/${flowId}/activate`, { method: 'POST' })).status).toBe(200);
    expect((await schedule.describe()).state.paused).toBe(false);

    expect((await api(`/flows/${flowId}/archive`, { method: 'POST', body: { reason: 'done' } })).status).toBe(200);
    await expect(schedule.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  }, 90_000);
});
