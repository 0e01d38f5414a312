import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { activitySettingsFromEnv, closeLocalEmbedder, createActivities } from '@cadenza/activities';
import type { FlowDefinitionInput, Principal } from '@cadenza/core';
import {
  createDeal,
  createPipeline,
  getContact,
  getDeal,
  getRun,
  inviteTenantUser,
  type DataSource,
} from '@cadenza/data';
import { createCrmFlowPort } from '@cadenza/services/flow';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { flowOf, newContact, publishedFlow, runInputOf } from '@cadenza/test-harness/flow-fixtures';
import { cancelSignal, resumeSignal, type FlowRunResult } from '@cadenza/contracts';
import { answer, runAt, sentEmail } from '@cadenza/test-harness/reply-fixtures';
import { READING_NODE_ID } from './reply-reading';

/**
 * Reply triage in the run, end to end: real Temporal (time-skipping, so a pause of weeks passes
 * in seconds), real PostgreSQL, the real offline triager (all-MiniLM-L6-v2 + the committed
 * model) reading each reply, the platform's intake signalling the run.
 */
describe('reply triage in flow runs', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  let ownerId: string;
  const taskQueue = `reply-triage-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue, 'Reply triage');
    ({ env, db, admin } = flowEnv);
    const { user } = await inviteTenantUser(
      db,
      admin.tenantId,
      {
        email: `owner-${randomUUID()}@cadenza.test`,
        name: 'Olive Owner',
        role: 'sales_rep',
        password: 'a long enough password',
      },
      { kind: 'system', id: null },
    );
    ownerId = user.id;
  }, 120_000);

  afterAll(async () => {
    await flowEnv?.teardown();
    await closeLocalEmbedder();
  });

  async function start(definition: FlowDefinitionInput, contact: { id: string; email: string } | null = null) {
    const email = contact?.email ?? `${randomUUID()}@lead.test`;
    const contactId = contact?.id ?? (await newContact(db, admin, { email, ownerId }));
    const input = runInputOf(admin, await publishedFlow(db, admin, definition), contactId, 'Reply triage');
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue,
      workflowId: `flow-test-${input.enrollmentId}`,
      args: [input],
    });
    return { handle, input, contactId, email };
  }

  /** The contact answers an email the run sent, through the platform's intake. */
  const reply = async (run: Awaited<ReturnType<typeof start>>, text: string, kind: 'reply' | 'auto_reply' = 'reply') =>
    answer(db, env.client, await sentEmail(db, run.input, run.email), kind, text);

  async function runRow(enrollmentId: string, wanted: (run: Awaited<ReturnType<typeof getRun>>) => boolean) {
    // A patient bound, not a timing claim (the projection follows the run on a busy CI box).
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const run = await getRun(db, admin.tenantId, enrollmentId);
      if (wanted(run)) return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return getRun(db, admin.tenantId, enrollmentId);
  }

  const wait = (id: string, amount: number) => ({
    id,
    type: 'wait',
    settings: { mode: 'duration', duration: { amount, unit: 'days' } },
  });
  const tag = (id: string, name: string) => ({ id, type: 'add_tag', settings: { tag: name } });
  const awaitReply = (id: string) => ({
    id,
    type: 'wait_for_event',
    settings: { event: { kind: 'reply' }, timeout: { amount: 5, unit: 'days' } },
  });
  const tasksOf = (contactId: string) =>
    db.query(`SELECT title, assignee_id FROM tasks WHERE tenant_id = $1 AND contact_id = $2 ORDER BY created_at`, [
      admin.tenantId,
      contactId,
    ]) as Promise<Array<{ title: string; assignee_id: string | null }>>;

  // First: the pause ends at a wall-clock date (the reply's time plus the pause), and the tests
  // after this one await results, which lets the time-skipping server jump the workflows' clock
  // ahead of the wall clock; a pause read after such a jump would already be over.
  it('ops resume a run an out-of-office reply paused, and can cancel it', async () => {
    const definition = flowOf(
      [wait('pause-here', 2), tag('after', 'followed_up')],
      [
        ['start', 'pause-here'],
        ['pause-here', 'after'],
      ],
    );
    const run = await start(definition);
    await runAt(run.handle, 'pause-here');
    await reply(run, 'I am currently out of the office with limited access to email.', 'auto_reply');
    await runAt(run.handle, 'pause-here', 'paused');
    const paused = await runRow(run.input.enrollmentId, (found) => found.restingUntil !== null);
    expect(paused).toMatchObject({ status: 'paused', restReason: 'out_of_office' });
    await run.handle.signal(resumeSignal);
    await runAt(run.handle, 'pause-here', 'waiting');
    expect(await runRow(run.input.enrollmentId, (found) => found.restingUntil === null)).toMatchObject({
      status: 'waiting',
      restReason: null,
    });
    await run.handle.signal(cancelSignal, { reason: 'ops cancelled' });
    // Read from the run's row rather than awaiting the result, which would let the time-skipping
    // server jump the clock for the tests after this one.
    expect(await runRow(run.input.enrollmentId, (found) => found.status === 'cancelled')).toMatchObject({
      status: 'cancelled',
      exitReason: 'ops cancelled',
    });
  }, 120_000);

  it('an out-of-office auto-reply pauses a waiting run until the day after the return date; the wait then goes on', async () => {
    const definition = flowOf(
      [wait('pause-here', 2), tag('after', 'followed_up')],
      [
        ['start', 'pause-here'],
        ['pause-here', 'after'],
      ],
    );
    const { handle, input, contactId, email } = await start(definition);
    await runAt(handle, 'pause-here');
    const message = await sentEmail(db, input, email);
    const before = Date.now();
    const { signalled } = await answer(
      db,
      env.client,
      message,
      'auto_reply',
      'Hello, I am out of the office until Monday 4 January 2027 with limited access to email. I will reply when I am back.',
    );
    expect(signalled).toBe(true);

    const paused = await runRow(input.enrollmentId, (run) => run.status === 'paused');
    expect(paused).toMatchObject({
      status: 'paused',
      currentNodeId: 'pause-here',
      restingUntil: '2027-01-05T09:00:00.000Z',
      restReason: 'out_of_office',
    });
    const reading = paused.steps.find((step) => step.nodeId === READING_NODE_ID)!;
    expect(reading.output).toBe('pause');
    expect(reading.result).toMatchObject({ triage: { intent: 'out_of_office', returnDate: '2027-01-04' } });
    // The verdict is kept on the message event; the timeline says what the reply was read as.
    const [event] = (await db.query(
      `SELECT data->'triage'->>'intent' AS intent FROM message_events WHERE message_id = $1 AND kind = 'auto_reply'`,
      [message.id],
    )) as Array<{ intent: string }>;
    expect(event!.intent).toBe('out_of_office');
    const timeline = (await db.query(`SELECT summary FROM timeline_entries WHERE contact_id = $1`, [
      contactId,
    ])) as Array<{
      summary: string;
    }>;
    expect(timeline.map((entry) => entry.summary)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Automatic reply read as out of office \(\d+%\), back 2027-01-04$/),
        'Sequence paused until 2027-01-05 (out of office)',
      ]),
    );

    const result = (await handle.result()) as FlowRunResult;
    expect(result.status).toBe('completed');
    expect((await getContact(db, admin, contactId)).tags).toEqual(['followed_up']);
    const ended = await getRun(db, admin.tenantId, input.enrollmentId);
    expect(ended.restingUntil).toBeNull();
    // The wait kept its remaining time (about two days) after the pause ended.
    const waited = ended.steps.find((step) => step.nodeId === 'pause-here')!.result as { until: string };
    const resumed = Date.parse('2027-01-05T09:00:00.000Z');
    expect(Date.parse(waited.until)).toBeGreaterThan(resumed + 1.9 * 86_400_000 - (Date.now() - before));
    expect(Date.parse(waited.until)).toBeLessThanOrEqual(resumed + 2 * 86_400_000);
  });

  it('an unsubscribe reply suppresses the address and takes the contact out of every flow', async () => {
    const definition = flowOf(
      [wait('hold', 3), tag('after', 'still_here')],
      [
        ['start', 'hold'],
        ['hold', 'after'],
      ],
    );
    const first = await start(definition);
    const second = await start(definition, { id: first.contactId, email: first.email });
    await runAt(first.handle, 'hold');
    await runAt(second.handle, 'hold');
    const message = await sentEmail(db, first.input, first.email);
    await answer(db, env.client, message, 'reply', 'Please remove me from your mailing list. Do not contact me again.');

    expect(await first.handle.result()).toMatchObject({
      status: 'unenrolled',
      exitReason: 'unsubscribe: asked in a reply',
    });
    expect(await second.handle.result()).toMatchObject({
      status: 'unenrolled',
      exitReason: 'unsubscribe: asked in a reply',
    });
    const suppressed = (await db.query(`SELECT reason FROM suppressions WHERE tenant_id = $1 AND address = $2`, [
      admin.tenantId,
      first.email.toLowerCase(),
    ])) as Array<{ reason: string }>;
    expect(suppressed).toEqual([{ reason: 'unsubscribed' }]);
    expect((await getContact(db, admin, first.contactId)).tags).toEqual([]);
  });

  it('a wrong-person reply creates the referred contact and a task once, even when the act is retried', async () => {
    const definition = flowOf(
      [awaitReply('await'), tag('replied', 'replied')],
      [
        ['start', 'await'],
        ['await', 'replied'],
      ],
    );
    const run = await start(definition);
    await runAt(run.handle, 'await');
    const referred = `dana.lee.${randomUUID().slice(0, 8)}@acme-corp.test`;
    const text = `I am not the right person for this. Please reach out to Dana Lee (${referred}), she runs our purchasing.`;
    await reply(run, text);
    expect(await run.handle.result()).toMatchObject({ status: 'unenrolled', exitReason: 'reply: wrong person' });

    const contacts = () =>
      db.query(`SELECT id, first_name, last_name, owner_id FROM contacts WHERE tenant_id = $1 AND lower(email) = $2`, [
        admin.tenantId,
        referred,
      ]) as Promise<Array<{ id: string; first_name: string; last_name: string; owner_id: string }>>;
    const [created] = await contacts();
    expect(created).toMatchObject({ first_name: 'Dana', last_name: 'Lee', owner_id: ownerId });
    expect(await tasksOf(created!.id)).toEqual([
      { title: `Ada Lovelace says Dana Lee <${referred}> is the right person`, assignee_id: ownerId },
    ]);

    // The act again under the same key (a worker killed after its commit, the activity retried): nothing new.
    const activities = createActivities({
      db,
      crm: createCrmFlowPort(db),
      temporal: env.client,
      taskQueue,
      settings: activitySettingsFromEnv(),
    });
    const reading = (await getRun(db, admin.tenantId, run.input.enrollmentId)).steps.find(
      (step) => step.nodeId === READING_NODE_ID,
    )!;
    const retried = await activities.actOnInboundReply({
      key: `${run.input.enrollmentId}:${READING_NODE_ID}:1`,
      tenantId: admin.tenantId,
      enrollmentId: run.input.enrollmentId,
      contactId: run.contactId,
      messageId: (reading.result as { event: { messageId: string } }).event.messageId,
      testMode: false,
      act: { act: 'refer', referral: { name: 'Dana Lee', email: referred } },
    });
    expect(retried.performed).toBe(false);
    // Another contact naming the same person: the existing contact is used, never a second one.
    const other = await start(definition);
    await runAt(other.handle, 'await');
    await reply(other, text);
    await other.handle.result();
    expect(await contacts()).toHaveLength(1);
    expect(await tasksOf(created!.id)).toHaveLength(2);
  });

  it('"Read the reply" after a reply wait takes the output of the intent, and next for an unconnected one', async () => {
    const definition = flowOf(
      [awaitReply('await'), { id: 'read', type: 'triage_reply', settings: {} }, tag('hot', 'hot'), tag('rest', 'rest')],
      [
        ['start', 'await'],
        ['await', 'read'],
        ['read', 'hot', 'interested'],
        ['read', 'rest'],
      ],
      // The run's own triage is off here: the step alone reads the reply.
      { replyTriage: { enabled: false }, unenrollOn: { reply: false } },
    );
    const interested = await start(definition);
    const declined = await start(definition);
    await runAt(interested.handle, 'await');
    await runAt(declined.handle, 'await');
    await reply(interested, 'Thanks, this sounds interesting. Can we set up a call next week to discuss pricing?');
    await reply(declined, 'No thanks, we are not interested.');
    await interested.handle.result();
    await declined.handle.result();

    const routeOf = async (enrollmentId: string) =>
      (await getRun(db, admin.tenantId, enrollmentId)).steps.find((step) => step.nodeId === 'read')!;
    expect(await routeOf(interested.input.enrollmentId)).toMatchObject({
      output: 'interested',
      result: { intent: 'interested' },
    });
    expect(await routeOf(declined.input.enrollmentId)).toMatchObject({
      output: 'next',
      result: { intent: 'not_interested' },
    });
    expect((await getContact(db, admin, interested.contactId)).tags).toEqual(['hot']);
    expect((await getContact(db, admin, declined.contactId)).tags).toEqual(['rest']);
  });

  it('a "not now" reply snoozes the run, which then starts the flow over with fresh side effect keys', async () => {
    const definition = flowOf(
      [tag('first', 'touched'), wait('hold', 2), tag('after', 'followed_up')],
      [
        ['start', 'first'],
        ['first', 'hold'],
        ['hold', 'after'],
      ],
      { replyTriage: { notNow: { reenrollAfter: { amount: 30, unit: 'days' } } } },
    );
    const run = await start(definition);
    await runAt(run.handle, 'hold');
    await reply(run, 'Not right now, we are in a budget freeze. Maybe check back next quarter.');
    expect(await run.handle.result()).toMatchObject({ status: 'completed' });
    const ended = await getRun(db, admin.tenantId, run.input.enrollmentId);
    // The first pass stopped in its wait; the second went through every step, each a visit of its own.
    expect(ended.steps.filter((step) => step.nodeId === 'first').map((step) => step.visit)).toEqual([1, 2]);
    expect(ended.steps.filter((step) => step.nodeId === 'after').map((step) => step.visit)).toEqual([1]);
    expect((await getContact(db, admin, run.contactId)).tags.sort()).toEqual(['followed_up', 'touched']);
    // Snoozed thirty days from the reply as the intake recorded it (the test server's clock, already
    // past earlier tests' pauses, may run ahead of it, so the rest itself may pass at once here).
    const reading = ended.steps.find((step) => step.nodeId === READING_NODE_ID)!;
    expect(reading.output).toBe('snooze');
    const { until } = (reading.result as { act: { until: string } }).act;
    const [received] = (await db.query(
      `SELECT e.occurred_at FROM message_events e JOIN messages m ON m.id = e.message_id
       WHERE m.enrollment_id = $1 AND e.kind = 'reply'`,
      [run.input.enrollmentId],
    )) as Array<{ occurred_at: Date }>;
    // Calendar days keep the time of day to the second.
    const after = Date.parse(until) - received!.occurred_at.getTime();
    expect(after).toBeGreaterThan(30 * 86_400_000 - 1000);
    expect(after).toBeLessThanOrEqual(30 * 86_400_000);
  });

  it('an interested reply makes a task for the owner and moves the open deal; then the run leaves on reply', async () => {
    const pipeline = await createPipeline(db, admin, {
      name: `Sales ${randomUUID().slice(0, 6)}`,
      stages: [
        { name: 'New', probability: 10 },
        { name: 'Meeting', probability: 40 },
        { name: 'Won', probability: 100 },
      ],
    });
    const [fresh, meeting] = pipeline.stages;
    const definition = flowOf(
      [wait('hold', 3), tag('after', 'still_here')],
      [
        ['start', 'hold'],
        ['hold', 'after'],
      ],
      { replyTriage: { interested: { moveDealToStage: meeting!.id } } },
    );
    const run = await start(definition);
    const deal = await createDeal(db, admin, {
      name: 'Pilot',
      pipelineId: pipeline.id,
      stageId: fresh!.id,
      contactId: run.contactId,
    });
    await runAt(run.handle, 'hold');
    await reply(run, 'Thanks, this sounds interesting. Can we set up a call next week to discuss pricing?');
    expect(await run.handle.result()).toMatchObject({ status: 'unenrolled', exitReason: 'reply' });
    expect(await tasksOf(run.contactId)).toEqual([
      { title: 'Ada Lovelace is interested: follow up on the reply', assignee_id: ownerId },
    ]);
    expect((await getDeal(db, admin, deal.id)).stageId).toBe(meeting!.id);
  });
});
