import { randomUUID } from 'node:crypto';
import { twoProportionZTest, type Principal } from '@cadenza/core';
import {
  changeDealStage,
  createContact,
  createDeal,
  createNote,
  createPipeline,
  createTask,
  inviteTenantUser,
  updateTask,
  type DataSource,
} from '@cadenza/data';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';

/**
 * The analytics API against real PostgreSQL: a flow's projection (runs, step runs,
 * messages) is written as the engine writes it, with known timestamps, and every figure
 * the API reports is checked against what was written; rep activity comes from real CRM
 * writes by a signed-in user. Other tenants and other roles see nothing.
 */
describe('analytics API', () => {
  let platform: TestPlatform;
  let db: DataSource;
  let tenant: { tenantId: string; apiKey: string };
  let other: { tenantId: string; apiKey: string };
  let flowId: string;

  const api = async (path: string, key = tenant.apiKey, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  const NODES = [
    {
      id: 'split',
      type: 'ab_split',
      label: 'Subject test',
      settings: {
        variants: [
          { handle: 'a', weight: 1 },
          { handle: 'b', weight: 1 },
        ],
      },
    },
    { id: 'email_a', type: 'send_email', settings: {} },
    { id: 'email_b', type: 'send_email', settings: {} },
    { id: 'booked', type: 'goal', label: 'Booked', settings: {} },
  ];

  /** One run as the engine projects it: the run row, its split and email steps, the email, and what happened after. */
  async function run(options: {
    variant?: 'a' | 'b';
    startedAt: string;
    opened?: string;
    replied?: string;
    goal?: string;
    bounced?: boolean;
    testMode?: boolean;
    unenrolled?: { at: string; reason: string };
    /** The node an open run rests at (the designer's badge counts it there). */
    waitingAt?: string;
  }) {
    const enrollmentId = randomUUID();
    await db.query(
      `INSERT INTO flow_runs (enrollment_id, tenant_id, workflow_id, flow_id, flow_version, contact_id, status,
         exit_reason, test_mode, started_at, ended_at, current_node_id)
       VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11)`,
      [
        enrollmentId,
        tenant.tenantId,
        `wf-${enrollmentId}`,
        flowId,
        randomUUID(),
        options.unenrolled ? 'unenrolled' : 'waiting',
        options.unenrolled?.reason ?? null,
        options.testMode ?? false,
        options.startedAt,
        options.unenrolled?.at ?? null,
        options.waitingAt ?? null,
      ],
    );
    if (!options.variant) return;
    const step = (nodeId: string, nodeType: string, at: string, result: unknown) =>
      db.query(
        `INSERT INTO flow_step_runs (enrollment_id, tenant_id, node_id, node_type, visit, status, output, result, started_at, ended_at)
         VALUES ($1, $2, $3, $4, 1, 'completed', 'next', $5::jsonb, $6, $6)`,
        [enrollmentId, tenant.tenantId, nodeId, nodeType, JSON.stringify(result), at],
      );
    await step('split', 'ab_split', options.startedAt, { variant: options.variant });
    const emailNode = `email_${options.variant}`;
    await step(emailNode, 'send_email', options.startedAt, {});
    await db.query(
      `INSERT INTO messages (tenant_id, idempotency_key, enrollment_id, contact_id, channel, provider, to_address,
         status, created_at, sent_at, opened_at, replied_at, bounced_at)
       VALUES ($1, $2, $3, $4, 'email', 'sink', 'lead@example.com', $5, $6, $6, $7, $8, $9)`,
      [
        tenant.tenantId,
        `${enrollmentId}:${emailNode}:1`,
        enrollmentId,
        randomUUID(),
        options.bounced ? 'bounced' : options.replied ? 'replied' : options.opened ? 'opened' : 'sent',
        options.startedAt,
        options.opened ?? null,
        options.replied ?? null,
        options.bounced ? options.startedAt : null,
      ],
    );
    if (options.goal) await step('booked', 'goal', options.goal, { goal: 'Booked' });
  }

  beforeAll(async () => {
    platform = await startTestPlatform(`analytics-${randomUUID()}`);
    db = platform.db;
    tenant = await createTenantWithKey(db, 'Analytics');
    other = await createTenantWithKey(db, 'Analytics other');
    const [flow] = (await db.query(
      `INSERT INTO flows (tenant_id, name, kind, draft) VALUES ($1, 'Outreach', 'sequence', $2::jsonb) RETURNING id`,
      [tenant.tenantId, JSON.stringify({ nodes: NODES, edges: [] })],
    )) as Array<{ id: string }>;
    flowId = flow!.id;
    // Variant a: 10 runs on Jan 1 (10:00 UTC), 5 opened on Jan 2, 2 replied (and unenrolled) on Jan 3.
    for (let i = 0; i < 10; i++) {
      await run({
        variant: 'a',
        startedAt: '2026-01-01T10:00:00Z',
        opened: i < 5 ? '2026-01-02T09:00:00Z' : undefined,
        replied: i < 2 ? '2026-01-03T09:00:00Z' : undefined,
        unenrolled: i < 2 ? { at: '2026-01-03T09:00:01Z', reason: 'replied' } : undefined,
      });
    }
    // Variant b: 10 runs on Jan 2, one bounced; 8 opened and 6 replied on Jan 3, those 6 reached the goal.
    for (let i = 0; i < 10; i++) {
      await run({
        variant: 'b',
        startedAt: '2026-01-02T10:00:00Z',
        opened: i < 8 ? '2026-01-03T08:00:00Z' : undefined,
        replied: i < 6 ? '2026-01-03T09:00:00Z' : undefined,
        goal: i < 6 ? '2026-01-03T09:30:00Z' : undefined,
        unenrolled: i < 6 ? { at: '2026-01-03T09:30:00Z', reason: 'goal_met: Booked' } : undefined,
        bounced: i === 9,
      });
    }
    // Counted on Jan 1 in UTC but on Dec 31 in New York; a test run and an older run never count.
    await run({ startedAt: '2026-01-01T03:00:00Z' });
    await run({ variant: 'a', startedAt: '2026-01-01T11:00:00Z', replied: '2026-01-01T12:00:00Z', testMode: true });
    await run({ startedAt: '2025-12-20T10:00:00Z', waitingAt: 'email_b' });
    await run({ startedAt: '2025-12-21T10:00:00Z', waitingAt: 'email_b', testMode: true });
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
  });

  const RANGE = 'from=2026-01-01&to=2026-01-03';

  it('reports the funnel per day, in total, per step and by unenroll reason', async () => {
    const { status, body } = await api(`/analytics/flows/${flowId}/funnel?${RANGE}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ flowId, flowName: 'Outreach', from: '2026-01-01', to: '2026-01-03', timezone: 'UTC' });
    expect(body.totals).toEqual({
      enrolled: 21,
      sent: 20,
      delivered: 19,
      opened: 13,
      clicked: 0,
      replied: 8,
      goalReached: 6,
      unenrolled: 8,
    });
    expect(body.daily).toEqual([
      {
        day: '2026-01-01',
        enrolled: 11,
        sent: 10,
        delivered: 10,
        opened: 0,
        clicked: 0,
        replied: 0,
        goalReached: 0,
        unenrolled: 0,
      },
      {
        day: '2026-01-02',
        enrolled: 10,
        sent: 10,
        delivered: 9,
        opened: 5,
        clicked: 0,
        replied: 0,
        goalReached: 0,
        unenrolled: 0,
      },
      {
        day: '2026-01-03',
        enrolled: 0,
        sent: 0,
        delivered: 0,
        opened: 8,
        clicked: 0,
        replied: 8,
        goalReached: 6,
        unenrolled: 8,
      },
    ]);
    expect(body.unenrolledByReason).toEqual([
      { reason: 'goal_met', count: 6 },
      { reason: 'replied', count: 2 },
    ]);
    expect(body.steps.map((step: { nodeId: string }) => step.nodeId)).toEqual([
      'split',
      'email_a',
      'email_b',
      'booked',
    ]);
    expect(body.steps[0]).toMatchObject({
      nodeType: 'ab_split',
      label: 'Subject test',
      entered: 20,
      completed: 20,
      sent: 0,
    });
    expect(body.steps[1]).toMatchObject({ entered: 10, sent: 10, delivered: 10, opened: 5, replied: 2 });
    expect(body.steps[2]).toMatchObject({ entered: 10, sent: 10, delivered: 9, opened: 8, replied: 6 });
    // Waiting is now, as the designer's badge counts it: the open run resting at email_b, not the test run.
    expect(body.steps.map((step: { waiting: number }) => step.waiting)).toEqual([0, 0, 1, 0]);
    expect(body.steps[3]).toMatchObject({ nodeType: 'goal', label: 'Booked', entered: 6, goalReached: 6 });
  });

  it('counts days in the time zone asked for', async () => {
    const { body } = await api(`/analytics/flows/${flowId}/funnel?${RANGE}&timezone=America/New_York`);
    expect(body.timezone).toBe('America/New_York');
    expect(body.daily[0]).toMatchObject({ day: '2026-01-01', enrolled: 10 });
    expect(body.totals.enrolled).toBe(20);
  });

  it('tests each A/B variant against the control with the two-proportion z-test', async () => {
    const replies = await api(`/analytics/flows/${flowId}/ab-tests?${RANGE}`);
    expect(replies.status).toBe(200);
    const expected = twoProportionZTest({ trials: 10, conversions: 2 }, { trials: 10, conversions: 6 });
    if ('unavailable' in expected) throw new Error('expected a test');
    expect(replies.body).toMatchObject({ metric: 'replied', alpha: 0.05 });
    expect(replies.body.splits).toEqual([
      {
        nodeId: 'split',
        label: 'Subject test',
        variants: [
          { handle: 'a', entered: 10, conversions: 2, rate: 0.2 },
          { handle: 'b', entered: 10, conversions: 6, rate: 0.6 },
        ],
        comparisons: [
          {
            handle: 'b',
            control: 'a',
            z: expected.z,
            pValue: expected.pValue,
            significant: false,
            relativeLift: expect.closeTo(2, 10),
          },
        ],
      },
    ]);
    const goals = await api(`/analytics/flows/${flowId}/ab-tests?${RANGE}&metric=goal&alpha=0.1`);
    expect(goals.body.splits[0].variants.map((v: { conversions: number }) => v.conversions)).toEqual([0, 6]);
    expect(goals.body.splits[0].comparisons[0]).toMatchObject({ significant: true, relativeLift: null });
    const opens = await api(`/analytics/flows/${flowId}/ab-tests?from=2026-01-03&to=2026-01-03&metric=opened`);
    expect(opens.body.splits[0].variants).toEqual([
      { handle: 'a', entered: 0, conversions: 0, rate: 0 },
      { handle: 'b', entered: 0, conversions: 0, rate: 0 },
    ]);
    expect(opens.body.splits[0].comparisons).toEqual([{ handle: 'b', control: 'a', unavailable: 'no_trials' }]);
  });

  it('validates the range and names the field', async () => {
    const backwards = await api(`/analytics/flows/${flowId}/funnel?from=2026-01-05&to=2026-01-01`);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.details)).toContain('from');
    const zone = await api(`/analytics/flows/${flowId}/funnel?timezone=Mars/Olympus`);
    expect(zone.status).toBe(400);
    expect(JSON.stringify(zone.body.details)).toContain('timezone');
    expect((await api(`/analytics/flows/${flowId}/ab-tests?metric=revenue`)).status).toBe(400);
    expect((await api(`/analytics/flows/${flowId}/funnel?from=2024-01-01&to=2026-01-01`)).status).toBe(400);
  });

  it('keeps tenants apart and checks the role', async () => {
    expect((await api(`/analytics/flows/${flowId}/funnel`, other.apiKey)).status).toBe(404);
    expect((await api(`/analytics/flows/${flowId}/ab-tests`, other.apiKey)).status).toBe(404);
    expect((await api(`/analytics/flows/${randomUUID()}/funnel`)).status).toBe(404);
    const marketer = await api('/api-keys', tenant.apiKey, { method: 'POST', body: { name: 'm', role: 'marketer' } });
    expect(marketer.status).toBe(201);
    expect((await api(`/analytics/flows/${flowId}/funnel?${RANGE}`, marketer.body.secret)).status).toBe(200);
    const repActivity = await api('/analytics/rep-activity', marketer.body.secret);
    expect(repActivity.status).toBe(403);
    expect(repActivity.body.code).toBe('forbidden');
    const anonymous = await fetch(`${platform.baseUrl}/api/v1/analytics/flows/${flowId}/funnel`);
    expect(anonymous.status).toBe(401);
  });

  it('reports what each rep did: emails and replies of their contacts, tasks, notes, deal moves', async () => {
    // POST /users only invites now (the person joins on accepting); the seeding helper adds at once.
    const invited = await inviteTenantUser(
      db,
      tenant.tenantId,
      {
        email: `rita-${randomUUID()}@example.com`,
        name: 'Rita Rep',
        role: 'sales_rep',
        password: 'a long enough password',
      },
      { kind: 'api_key', id: null },
    );
    const userId = invited.user.id;
    const rep: Principal = { tenantId: tenant.tenantId, userId, role: 'sales_rep', via: 'session' };
    const admin: Principal = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
    const contact = await createContact(db, rep, { firstName: 'Lee', email: `lee-${randomUUID()}@example.com` });
    await createNote(db, rep, { contactId: contact.id, body: 'Called, interested' });
    await createNote(db, rep, { contactId: contact.id, body: 'Sent pricing' });
    const task = await createTask(db, rep, { title: 'Follow up', contactId: contact.id });
    await createTask(db, rep, { title: 'Prepare demo', contactId: contact.id });
    await updateTask(db, rep, task.id, { done: true });
    await updateTask(db, rep, task.id, { title: 'Follow up (done)' });
    const pipeline = await createPipeline(db, admin, {
      name: 'Sales',
      stages: [{ name: 'New' }, { name: 'Demo' }, { name: 'Won' }],
    });
    const [first, second, third] = pipeline.stages;
    const deal = await createDeal(db, rep, {
      name: 'Lee deal',
      pipelineId: pipeline.id,
      stageId: first!.id,
      contactId: contact.id,
    });
    await changeDealStage(db, rep, deal.id, { stageId: second!.id });
    await changeDealStage(db, rep, deal.id, { stageId: third!.id });
    for (const replied of [true, false, false]) {
      await db.query(
        `INSERT INTO messages (tenant_id, idempotency_key, contact_id, channel, provider, to_address, status, sent_at, replied_at)
         VALUES ($1, $2, $3, 'email', 'sink', 'lee@example.com', 'sent', now(), CASE WHEN $4 THEN now() END)`,
        [tenant.tenantId, randomUUID(), contact.id, replied],
      );
    }

    const { status, body } = await api('/analytics/rep-activity');
    expect(status).toBe(200);
    expect(body.reps).toEqual([
      {
        userId,
        name: 'Rita Rep',
        email: invited.user.email,
        emailsSent: 3,
        replies: 1,
        tasksCreated: 2,
        tasksCompleted: 1,
        notes: 2,
        dealMoves: 2,
      },
    ]);
    expect((await api('/analytics/rep-activity', other.apiKey)).body.reps).toEqual([]);
    const longAgo = await api('/analytics/rep-activity?from=2020-01-01&to=2020-01-31');
    expect(longAgo.body.reps).toEqual([]);
  });
});
