import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addBusinessDays, type FlowDefinitionInput, type Principal } from '@cadenza/core';
import { getContact, getRun, listSideEffects, type DataSource } from '@cadenza/data';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { testPayloadKeys } from '@cadenza/test-harness/payload-keys';
import { cadenzaDataConverter } from '@cadenza/temporal';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import type { FlowRunInput, FlowRunResult } from '@cadenza/contracts';
import { RUN_SHAPE_PATCH } from './flow-run-workflow';
import {
  cancelSignal,
  currentNodeQuery,
  inboundEventSignal,
  pauseSignal,
  resumeSignal,
  retrySignal,
  skipWaitSignal,
  stepHistoryQuery,
} from '@cadenza/contracts';

const DAY_MS = 86_400_000;

/**
 * The interpreter against the time-skipping test server: weeks of waits pass in seconds.
 * Activities are the real ones, on the real PostgreSQL of this test run.
 */
describe('flowRunWorkflow (time-skipping)', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  const taskQueue = `flow-ts-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue);
    ({ env, db, admin } = flowEnv);
  }, 120_000);

  afterAll(async () => {
    await flowEnv?.teardown();
  });

  async function start(
    definition: FlowDefinitionInput,
    options: { testMode?: boolean; contact?: Record<string, unknown>; continueAsNewAfterSteps?: number } = {},
  ) {
    const contactId = await newContact(db, admin, { email: `${randomUUID()}@example.com`, ...options.contact });
    const flow = await publishedFlow(db, admin, definition);
    const input: FlowRunInput = {
      tenantId: admin.tenantId,
      flowId: flow.flowId,
      flowVersion: flow.version,
      flowName: 'Test flow',
      contactId,
      enrollmentId: randomUUID(),
      definition: flow.definition,
      testMode: options.testMode ?? false,
      startedAt: new Date().toISOString(),
      continueAsNewAfterSteps: options.continueAsNewAfterSteps,
    };
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue,
      workflowId: `flow-test-${input.enrollmentId}`,
      args: [input],
    });
    return { handle, input, contactId, flowId: flow.flowId };
  }

  const waitDays = (id: string, amount: number, businessDaysOnly = false) => ({
    id,
    type: 'wait',
    settings: { mode: 'duration', duration: { amount, unit: 'days' }, businessDaysOnly },
  });
  const tag = (id: string, name: string) => ({ id, type: 'add_tag', settings: { tag: name } });

  it('runs a three-week sequence in seconds, doing each side effect once', async () => {
    const definition = flowOf(
      [
        tag('welcome', 'welcomed'),
        waitDays('week1', 7),
        { id: 'stage', type: 'update_field', settings: { field: 'lifecycleStage', value: 'marketing_qualified_lead' } },
        waitDays('week2', 5, true),
        {
          id: 'reply',
          type: 'wait_for_event',
          settings: { event: { kind: 'reply' }, timeout: { amount: 1, unit: 'weeks' } },
        },
        tag('no-reply', 'no_reply'),
      ],
      [
        ['start', 'welcome'],
        ['welcome', 'week1'],
        ['week1', 'stage'],
        ['stage', 'week2'],
        ['week2', 'reply'],
        ['reply', 'no-reply', 'timeout'],
      ],
    );
    const wallClock = Date.now();
    const { handle, input, contactId } = await start(definition);
    const result = (await handle.result()) as FlowRunResult;
    expect(Date.now() - wallClock).toBeLessThan(60_000);
    expect(result).toEqual({ status: 'completed', exitReason: null, steps: 6 });

    const contact = await getContact(db, admin, contactId);
    expect(contact.tags.sort()).toEqual(['no_reply', 'welcomed']);
    expect(contact.lifecycleStage).toBe('marketing_qualified_lead');

    const run = await getRun(db, admin.tenantId, input.enrollmentId);
    expect(run.status).toBe('completed');
    expect(run.steps.map((s) => [s.nodeId, s.output])).toEqual([
      ['welcome', 'next'],
      ['week1', 'next'],
      ['stage', 'next'],
      ['week2', 'next'],
      ['reply', 'timeout'],
      ['no-reply', 'next'],
    ]);
    // About three weeks of simulated time: 7 days, 5 business days (5 to 7 calendar days,
    // depending on the weekday the run starts), 7 days; the flow's timezone is UTC.
    const startedAt = new Date(run.startedAt);
    const expectedEnd = addBusinessDays(new Date(startedAt.getTime() + 7 * DAY_MS), 5, 'UTC').getTime() + 7 * DAY_MS;
    const elapsedDays = (new Date(run.endedAt!).getTime() - startedAt.getTime()) / DAY_MS;
    expect(elapsedDays).toBeGreaterThan((expectedEnd - startedAt.getTime()) / DAY_MS - 0.01);
    expect(elapsedDays).toBeLessThan((expectedEnd - startedAt.getTime()) / DAY_MS + 0.01);
    expect((await listSideEffects(db, admin.tenantId, input.enrollmentId)).map((e) => e.node_type).sort()).toEqual([
      'add_tag',
      'add_tag',
      'update_field',
    ]);
  });

  it('takes the "next" output when the awaited reply arrives, and answers queries', async () => {
    const definition = flowOf(
      [
        {
          id: 'reply',
          type: 'wait_for_event',
          settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
        },
        tag('replied', 'replied'),
        tag('silent', 'silent'),
      ],
      [
        ['start', 'reply'],
        ['reply', 'replied'],
        ['reply', 'silent', 'timeout'],
      ],
    );
    const { handle, contactId } = await start(definition);
    await waitForNode(handle, 'reply');
    await handle.signal(inboundEventSignal, { kind: 'reply' });
    expect(((await handle.result()) as FlowRunResult).status).toBe('completed');
    expect((await getContact(db, admin, contactId)).tags).toEqual(['replied']);
    const history = await handle.query<Array<{ nodeId: string }>>(stepHistoryQuery);
    expect(history.map((s) => s.nodeId)).toEqual(['reply', 'replied']);
  });

  it('takes a repeated reply signal (same message) once: it neither answers a later wait nor unenrolls', async () => {
    const awaitReply = (id: string) => ({
      id,
      type: 'wait_for_event',
      settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
    });
    const definition = flowOf(
      [
        awaitReply('first'),
        tag('replied', 'replied'),
        awaitReply('second'),
        tag('again', 'again'),
        tag('quiet', 'quiet'),
      ],
      [
        ['start', 'first'],
        ['first', 'replied'],
        ['replied', 'second'],
        ['second', 'again'],
        ['second', 'quiet', 'timeout'],
      ],
    );
    const { handle, contactId } = await start(definition);
    await waitForNode(handle, 'first');
    // A sender killed after signalling, before recording it, signals the same reply again.
    await handle.signal(inboundEventSignal, { kind: 'reply', messageId: 'sent-1' });
    await handle.signal(inboundEventSignal, { kind: 'reply', messageId: 'sent-1' });
    // Without the check the repeat unenrolls the run before 'replied' (or answers 'second').
    expect(await handle.result()).toMatchObject({ status: 'completed', exitReason: null });
    expect((await getContact(db, admin, contactId)).tags.sort()).toEqual(['quiet', 'replied']);
  });

  it('takes replies to two different messages as two events', async () => {
    const awaitReply = (id: string) => ({
      id,
      type: 'wait_for_event',
      settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
    });
    const definition = flowOf(
      [awaitReply('first'), awaitReply('second'), tag('again', 'again'), tag('quiet', 'quiet')],
      [
        ['start', 'first'],
        ['first', 'second'],
        ['second', 'again'],
        ['second', 'quiet', 'timeout'],
      ],
    );
    const { handle, contactId } = await start(definition);
    await waitForNode(handle, 'first');
    await handle.signal(inboundEventSignal, { kind: 'reply', messageId: 'sent-1' });
    await waitForNode(handle, 'second');
    await handle.signal(inboundEventSignal, { kind: 'reply', messageId: 'sent-2' });
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    expect((await getContact(db, admin, contactId)).tags).toEqual(['again']);
  });

  it('unenrolls on a reply the flow is not waiting for, before the next step', async () => {
    const definition = flowOf(
      [waitDays('pause', 2), tag('followup', 'followed_up')],
      [
        ['start', 'pause'],
        ['pause', 'followup'],
      ],
    );
    const { handle, contactId, input } = await start(definition);
    await waitForNode(handle, 'pause');
    await handle.signal(inboundEventSignal, { kind: 'reply' });
    const result = (await handle.result()) as FlowRunResult;
    expect(result).toMatchObject({ status: 'unenrolled', exitReason: 'reply' });
    expect((await getContact(db, admin, contactId)).tags).toEqual([]);
    expect((await getRun(db, admin.tenantId, input.enrollmentId)).status).toBe('unenrolled');
  });

  it('branches on contact fields and splits A/B the same way every time', async () => {
    const definition = flowOf(
      [
        {
          id: 'vip',
          type: 'branch',
          settings: { condition: { field: 'contact.title', operator: 'equals', value: 'VIP' } },
        },
        tag('yes', 'vip'),
        {
          id: 'split',
          type: 'ab_split',
          settings: {
            variants: [
              { handle: 'a', weight: 1 },
              { handle: 'b', weight: 1 },
            ],
          },
        },
        tag('a', 'variant_a'),
        tag('b', 'variant_b'),
      ],
      [
        ['start', 'vip'],
        ['vip', 'yes', 'yes'],
        ['vip', 'split', 'no'],
        ['split', 'a', 'a'],
        ['split', 'b', 'b'],
      ],
    );
    const gold = await start(definition, { contact: { title: 'vip' } });
    await gold.handle.result();
    expect((await getContact(db, admin, gold.contactId)).tags).toEqual(['vip']);

    const plain = await start(definition);
    await plain.handle.result();
    const [variantTag] = (await getContact(db, admin, plain.contactId)).tags;
    expect(variantTag).toMatch(/^variant_[ab]$/);
  });

  it('pauses, resumes and skips a wait on signals', async () => {
    const definition = flowOf(
      [waitDays('long', 30), tag('after', 'after_wait')],
      [
        ['start', 'long'],
        ['long', 'after'],
      ],
    );
    const { handle, contactId } = await start(definition);
    await waitForNode(handle, 'long');
    await handle.signal(pauseSignal);
    await handle.signal(skipWaitSignal);
    await waitForStatus(handle, 'paused');
    expect((await getContact(db, admin, contactId)).tags).toEqual([]);
    await handle.signal(resumeSignal);
    expect(((await handle.result()) as FlowRunResult).status).toBe('completed');
    expect((await getContact(db, admin, contactId)).tags).toEqual(['after_wait']);
  });

  it('cancels with a recorded reason', async () => {
    const definition = flowOf(
      [waitDays('long', 30), tag('never', 'never')],
      [
        ['start', 'long'],
        ['long', 'never'],
      ],
    );
    const { handle, input } = await start(definition);
    await waitForNode(handle, 'long');
    await handle.signal(cancelSignal, { reason: 'flow archived: campaign over' });
    expect(await handle.result()).toMatchObject({ status: 'cancelled', exitReason: 'flow archived: campaign over' });
    expect((await getRun(db, admin.tenantId, input.enrollmentId)).exitReason).toBe('flow archived: campaign over');
  });

  it('retries a failed step on request with the same key, then goes on', async () => {
    let healthy = false;
    const keys: string[] = [];
    const server = createServer((req, res) => {
      keys.push(req.headers['idempotency-key'] as string);
      res.writeHead(healthy ? 200 : 503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // The webhook double is on loopback, which the egress guard refuses unless allowed.
    allowEgressTo((server.address() as AddressInfo).port);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm-sync`;
      const definition = flowOf(
        [
          { id: 'hook', type: 'http_request', settings: { method: 'POST', url, body: '{}' } },
          tag('after', 'after_retry'),
        ],
        [
          ['start', 'hook'],
          ['hook', 'after'],
        ],
      );
      const { handle, input, contactId } = await start(definition);
      await waitForStatus(handle, 'failed');
      const failed = await getRun(db, admin.tenantId, input.enrollmentId);
      expect(failed.steps[0]).toMatchObject({
        nodeId: 'hook',
        status: 'failed',
        error: expect.stringContaining('503'),
      });
      expect((await getContact(db, admin, contactId)).tags).toEqual([]);

      healthy = true;
      await handle.signal(retrySignal);
      expect(((await handle.result()) as FlowRunResult).status).toBe('completed');
      const run = await getRun(db, admin.tenantId, input.enrollmentId);
      expect(run.steps.map((s) => [s.nodeId, s.status])).toEqual([
        ['hook', 'completed'],
        ['after', 'completed'],
      ]);
      expect(new Set(keys)).toEqual(new Set([`${input.enrollmentId}:hook:1`]));
      expect((await getContact(db, admin, contactId)).tags).toEqual(['after_retry']);
    } finally {
      server.close();
    }
  });

  it('fails a node whose provider is missing with a clear error, then waits for retry or cancel', async () => {
    const definition = flowOf(
      [{ id: 'mail', type: 'send_email', settings: { subject: 'Hi', body: 'Hello {{contact.firstName}}' } }],
      [['start', 'mail']],
    );
    // No address to send to: a non-retryable failure, as a missing provider used to be.
    const { handle, input } = await start(definition, { contact: { email: null } });
    await waitForStatus(handle, 'failed');
    const run = await getRun(db, admin.tenantId, input.enrollmentId);
    expect(run.status).toBe('failed');
    expect(run.steps[0]).toMatchObject({ nodeId: 'mail', status: 'failed' });
    expect(run.steps[0]?.error).toMatch(/has no email address/);
    await handle.signal(cancelSignal, { reason: 'no mailbox' });
    expect(await handle.result()).toMatchObject({ status: 'cancelled' });
  });

  it('captures side effects in a test run instead of performing them', async () => {
    const definition = flowOf(
      [
        tag('t', 'would_tag'),
        { id: 'f', type: 'update_field', settings: { field: 'title', value: 'CTO of {{contact.lastName}}' } },
      ],
      [
        ['start', 't'],
        ['t', 'f'],
      ],
    );
    const { handle, contactId, input } = await start(definition, { testMode: true });
    await handle.result();
    const contact = await getContact(db, admin, contactId);
    expect(contact.tags).toEqual([]);
    expect(contact.title ?? null).toBeNull();
    const effects = await listSideEffects(db, admin.tenantId, input.enrollmentId);
    expect(effects.map((e) => [e.node_type, e.captured])).toEqual([
      ['add_tag', true],
      ['update_field', true],
    ]);
    expect(effects[1]?.result).toEqual({ wouldDo: { field: 'title', value: 'CTO of Lovelace' } });
    expect((await getRun(db, admin.tenantId, input.enrollmentId)).steps.map((s) => s.status)).toEqual([
      'captured',
      'captured',
    ]);
  });

  it('jumps to a goal when the contact meets it, and unenrolls as goal met', async () => {
    const definition = flowOf(
      [
        waitDays('w1', 1),
        { id: 'promote', type: 'update_field', settings: { field: 'lifecycleStage', value: 'customer' } },
        waitDays('w2', 1),
        tag('late', 'should_not_happen'),
        {
          id: 'won',
          type: 'goal',
          settings: {
            name: 'Became a customer',
            condition: { field: 'contact.lifecycleStage', operator: 'equals', value: 'customer' },
          },
        },
      ],
      [
        ['start', 'w1'],
        ['w1', 'promote'],
        ['promote', 'w2'],
        ['w2', 'late'],
      ],
    );
    const { handle, contactId } = await start(definition);
    expect(await handle.result()).toMatchObject({ status: 'unenrolled', exitReason: 'goal_met: Became a customer' });
    expect((await getContact(db, admin, contactId)).tags).toEqual([]);
  });

  it('continues as new in a long loop and keeps going where it was', async () => {
    const definition = flowOf(
      [
        waitDays('tick', 1),
        { id: 'more', type: 'branch', settings: { condition: { field: 'contact.score', operator: 'lt', value: 5 } } },
        { id: 'bump', type: 'score_lead', settings: { method: 'points', points: 1 } },
        { id: 'done', type: 'exit', settings: { reason: 'scored enough' } },
      ],
      [
        ['start', 'tick'],
        ['tick', 'more'],
        ['more', 'bump', 'yes'],
        ['more', 'done', 'no'],
        ['bump', 'tick'],
      ],
    );
    const { handle, contactId } = await start(definition, { continueAsNewAfterSteps: 4 });
    const result = (await handle.result()) as FlowRunResult;
    expect(result).toMatchObject({ status: 'completed', exitReason: 'scored enough' });
    expect((await getContact(db, admin, contactId)).score).toBe(5);
    // 5 loops of tick, more, bump, then the last tick, more and done: 18 steps over several runs.
    expect(result.steps).toBe(18);
    const description = await handle.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
  });

  it('resumes a wait that ends outside the sending window at its next opening, in the flow timezone', async () => {
    // The window opens only on the weekday two days from now (New York time), so a one-day wait
    // always ends outside it, whatever time the test runs at.
    const inTwoDays = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short' }).format(
      new Date(Date.now() + 2 * 86_400_000),
    );
    const window = {
      timezone: 'America/New_York',
      useContactTimezone: false,
      days: [inTwoDays.toLowerCase()],
      start: '10:00',
      end: '11:00',
    };
    const definition = flowOf(
      [waitDays('w', 1), tag('after', 'in_window')],
      [
        ['start', 'w'],
        ['w', 'after'],
      ],
      { sendingWindow: window },
    );
    const { handle, input } = await start(definition);
    await handle.result();
    const [wait] = (await getRun(db, admin.tenantId, input.enrollmentId)).steps;
    const resumed = new Date((wait?.result as { until: string }).until);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(resumed);
    expect(local.replace(',', '')).toBe(`${inTwoDays} 10:00`);
    expect(resumed.getTime() - new Date(input.startedAt).getTime()).toBeGreaterThanOrEqual(86_400_000);
  });

  it('creates a task for the contact owner and calls a webhook with the idempotency key', async () => {
    const received: Array<{ key: string | undefined; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ key: req.headers['idempotency-key'] as string | undefined, body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // The webhook double is on loopback, which the egress guard refuses unless allowed.
    allowEgressTo((server.address() as AddressInfo).port);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const definition = flowOf(
        [
          {
            id: 'task',
            type: 'create_task',
            settings: { title: 'Call {{contact.firstName}}', dueIn: { amount: 2, unit: 'days' } },
          },
          {
            id: 'hook',
            type: 'http_request',
            settings: { method: 'POST', url, body: '{"email":"{{contact.email}}"}' },
          },
        ],
        [
          ['start', 'task'],
          ['task', 'hook'],
        ],
      );
      const { handle, input, contactId } = await start(definition, { contact: { email: 'grace@example.com' } });
      await handle.result();
      const tasks = (await db.query(
        `SELECT title, created_by_kind FROM tasks WHERE tenant_id = $1 AND contact_id = $2`,
        [admin.tenantId, contactId],
      )) as unknown[];
      expect(tasks).toEqual([{ title: 'Call Ada', created_by_kind: 'flow' }]);
      expect(received).toEqual([{ key: `${input.enrollmentId}:hook:1`, body: '{"email":"grace@example.com"}' }]);
    } finally {
      server.close();
    }
  });

  it('removes tags and enrolls the contact in another flow, once', async () => {
    const target = await publishedFlow(
      db,
      admin,
      flowOf([tag('t', 'entered_target')], [['start', 't']]),
      'Target flow',
    );
    const definition = flowOf(
      [
        { id: 'untag', type: 'remove_tag', settings: { tag: 'cold' } },
        { id: 'handoff', type: 'enroll_in_flow', settings: { flowId: target.flowId } },
      ],
      [
        ['start', 'untag'],
        ['untag', 'handoff'],
      ],
    );
    const { handle, contactId, input } = await start(definition, { contact: { tags: ['cold', 'vip'] } });
    await handle.result();
    const [handoff] = (await getRun(db, admin.tenantId, input.enrollmentId)).steps.filter(
      (s) => s.nodeId === 'handoff',
    );
    expect(handoff?.result).toMatchObject({ status: 'started', version: 1 });
    const child = env.client.workflow.getHandle(`flow:${admin.tenantId}:${target.flowId}:${contactId}`);
    expect(await child.result()).toMatchObject({ status: 'completed' });
    expect((await getContact(db, admin, contactId)).tags.sort()).toEqual(['entered_target', 'vip']);
  });

  it('sends an SMS and a Slack notice to the outbox when no provider is configured', async () => {
    const definition = flowOf(
      [
        { id: 'sms', type: 'send_sms', settings: { body: 'Hi {{contact.firstName}}, reply STOP to opt out' } },
        {
          id: 'slack',
          type: 'notify_slack',
          settings: { channel: '#sales', message: '{{contact.firstName}} is in the flow' },
        },
      ],
      [
        ['start', 'sms'],
        ['sms', 'slack'],
      ],
    );
    const { handle, input } = await start(definition, { contact: { phone: '+15550100' } });
    await handle.result();
    const messages = (await db.query(
      `SELECT channel, status FROM messages WHERE tenant_id = $1 AND enrollment_id = $2 ORDER BY channel`,
      [admin.tenantId, input.enrollmentId],
    )) as Array<{ channel: string; status: string }>;
    expect(messages.map((m) => m.channel)).toEqual(['slack', 'sms']);
    expect((await getRun(db, admin.tenantId, input.enrollmentId)).steps.map((s) => s.status)).toEqual([
      'completed',
      'completed',
    ]);
  });

  it('names the run in the audit log of the CRM changes it makes', async () => {
    const definition = flowOf([tag('t', 'from_flow')], [['start', 't']]);
    const { handle, contactId, input } = await start(definition);
    await handle.result();
    const audit = (await db.query(
      `SELECT actor_kind, actor_id, after->'tags' AS tags FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'update'`,
      [admin.tenantId, contactId],
    )) as Array<{ actor_kind: string; actor_id: string; tags: string[] }>;
    expect(audit).toEqual([{ actor_kind: 'workflow', actor_id: input.enrollmentId, tags: ['from_flow'] }]);
  });

  it('runs database-only steps and the projection as local activities, upserting NodeId where the run rests', async () => {
    const definition = flowOf(
      [
        tag('tag', 'local'),
        { id: 'stage', type: 'update_field', settings: { field: 'lifecycleStage', value: 'lead' } },
        { id: 'task', type: 'create_task', settings: { title: 'Call {{contact.firstName}}' } },
        { id: 'untag', type: 'remove_tag', settings: { tag: 'local' } },
      ],
      [
        ['start', 'tag'],
        ['tag', 'stage'],
        ['stage', 'task'],
        ['task', 'untag'],
      ],
    );
    const { handle } = await start(definition);
    await handle.result();
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const markers = (name: string, detail: string) =>
      events
        .map((event) => event.markerRecordedEventAttributes)
        .filter((marker) => marker?.markerName === name)
        .map((marker) => JSON.parse(Buffer.from(marker!.details![detail]!.payloads![0]!.data!).toString('utf8')));
    // One patch marker (each costs a marker and a TemporalChangeVersion upsert per run).
    expect(markers('core_patch', 'patch-data').map((patch: { id: string }) => patch.id)).toEqual([RUN_SHAPE_PATCH]);
    const localActivityTypes = markers('core_local_activity', 'data').map(
      (activity: { activity_type: string }) => activity.activity_type,
    );
    expect(localActivityTypes).toEqual([
      'flowAddTag',
      'flowUpdateField',
      'flowCreateTask',
      'flowRemoveTag',
      'syncRunProjection',
    ]);
    expect(events.filter((event) => event.activityTaskScheduledEventAttributes)).toEqual([]);
    // The steps pass within one workflow task: NodeId is upserted once, where the run ended.
    const nodeIds = events
      .map((event) => event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.NodeId)
      .filter((payload) => payload?.data)
      .map((payload) => JSON.parse(Buffer.from(payload!.data!).toString('utf8')) as string);
    expect(nodeIds).toEqual(['untag']);
    // The new shape replays as it was recorded.
    // Recorded through the payload codec: it replays with the platform's data converter.
    await Worker.runReplayHistory(
      {
        workflowsPath: require.resolve('@cadenza/workflows'),
        dataConverter: cadenzaDataConverter(testPayloadKeys(db)),
      },
      history,
    );
  });

  async function waitForNode(handle: WorkflowHandle, nodeId: string) {
    for (let i = 0; i < 100; i++) {
      const current = await handle.query(currentNodeQuery);
      if (current.nodeId === nodeId && current.status === 'waiting') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`run never waited at ${nodeId}`);
  }

  async function waitForStatus(handle: WorkflowHandle, status: string) {
    for (let i = 0; i < 200; i++) {
      const current = await handle.query(currentNodeQuery);
      if (current.status === status) return;
      // Lets activity retry backoff pass on the time-skipping server's clock.
      await env.sleep(1000);
    }
    throw new Error(`run never reached status ${status}`);
  }
});
