import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sideEffectKey, type Principal } from '@cadenza/core';
import { createCrmFlowPort, enrollContact } from '@cadenza/services/flow';
import { decideApproval, listAgentSteps, listApprovals, type DataSource } from '@cadenza/data';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { agentCheckpointer } from './agent-checkpointer';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { startWorkerProcessPlatform, type WorkerProcessPlatform } from '@cadenza/test-harness/worker-process-platform';
import { agentApprovalSignal } from '@cadenza/contracts';

/**
 * Durability of an agent chain on the real Temporal server: the production worker process is
 * SIGKILLed in the middle of the chain; the heartbeat timeout hands the activity to a new worker,
 * which resumes from the last LangGraph checkpoint (nodes finished before the kill do not run
 * again); the run then waits for approval, and the approved email is sent exactly once.
 */
describe('an agent chain whose worker is killed', () => {
  let platform: WorkerProcessPlatform;
  let db: DataSource;
  let client: Client;
  let admin: Principal;
  const taskQueue = `agent-kill-${randomUUID()}`;

  beforeAll(async () => {
    platform = await startWorkerProcessPlatform('Agent worker kill', taskQueue);
    ({ db, client, admin } = platform);
  });

  afterAll(() => platform?.teardown());

  const spawnWorker = async () => {
    const worker = await platform.startWorker();
    await worker.ready;
    return worker;
  };

  /** Publishes a one-step agent flow, starts a worker, and enrolls a new contact (Grace) in it. */
  async function enrollInAgentFlow(settings: Record<string, unknown>) {
    const flow = await publishedFlow(
      db,
      admin,
      flowOf([{ id: 'agent', type: 'ai_agent', settings }], [['start', 'agent']]),
    );
    const contactId = await newContact(db, admin, { firstName: 'Grace', email: `${randomUUID()}@example.com` });
    const first = await spawnWorker();
    const enrollment = await enrollContact(
      { db, temporal: client, taskQueue, crm: createCrmFlowPort(db) },
      { tenantId: admin.tenantId, flowId: flow.flowId, contactId, source: 'test' },
    );
    if (enrollment.status !== 'started') throw new Error(`enrollment: ${enrollment.status}`);
    return { first, enrollment, contactId, key: sideEffectKey(enrollment.enrollmentId, 'agent', 1) };
  }

  /** Waits until the chain's latest checkpoint holds what `reached` looks for (polled often: the kill follows). */
  async function untilCheckpoint(key: string, label: string, reached: (values: Record<string, unknown>) => boolean) {
    const saver = await agentCheckpointer(db);
    await waitUntil(
      label,
      async () => {
        const tuple = await saver.getTuple({ configurable: { thread_id: key } });
        return tuple ? reached(tuple.checkpoint.channel_values as Record<string, unknown>) : false;
      },
      { timeoutMs: 180_000, intervalMs: 20 },
    );
  }

  /** The run's draft in the inbox, once the new worker has finished the chain up to the approval. */
  const draftInInbox = (enrollmentId: string) =>
    waitUntil(
      'the draft in the inbox',
      async () =>
        (await listApprovals(db, admin.tenantId, { status: 'pending', limit: 200 })).items.find(
          (item) => item.enrollmentId === enrollmentId,
        ),
      { timeoutMs: 240_000, intervalMs: 250 },
    );

  it('resumes from the checkpoint on a new worker, waits for approval, and sends once', async () => {
    const { first, enrollment, key } = await enrollInAgentFlow({
      instructions: 'Invite {{contact.firstName}} to a demo',
      draftMaxTokens: 120,
    });

    // Kill as soon as the lead's score is checkpointed (not merely computed: a kill between the
    // node's end and its checkpoint rightly runs the node again): the draft is being written.
    await untilCheckpoint(key, 'the score_lead checkpoint', (values) => values.score !== undefined);
    first.kill();
    await first.exited;
    const handle = client.workflow.getHandle(enrollment.workflowId);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await spawnWorker();
    const approval = await draftInInbox(enrollment.enrollmentId);

    const trace = await listAgentSteps(db, admin.tenantId, key);
    const runsOf = (node: string) => trace.filter((step) => step.node === node);
    // Finished before the kill, checkpointed, and never run again by the retried activity.
    expect(runsOf('research_contact').map((step) => step.attempt)).toEqual([1]);
    expect(runsOf('score_lead').map((step) => step.attempt)).toEqual([1]);
    expect(runsOf('draft_email')).toHaveLength(1);

    // The activity itself was retried after the kill: the history shows its second attempt.
    await waitUntil('the run waiting for approval', async () => {
      const history = await handle.fetchHistory();
      return history.events?.some((event) => (event.activityTaskStartedEventAttributes?.attempt ?? 0) >= 2);
    });

    await decideApproval(db, { ...admin, role: 'marketer' }, approval.id, { action: 'approve' }, (decided) =>
      handle.signal(agentApprovalSignal, {
        key: decided.key,
        decision: { action: 'approve' },
        decidedBy: { kind: 'api_key', id: null },
      }),
    );
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    const messages = (await db.query(`SELECT subject FROM messages WHERE tenant_id = $1 AND idempotency_key = $2`, [
      admin.tenantId,
      key,
    ])) as Array<{ subject: string }>;
    expect(messages).toEqual([{ subject: approval.draft.subject }]);
    const sends = (await listAgentSteps(db, admin.tenantId, key)).filter((step) => step.node === 'send_email');
    expect(sends).toHaveLength(1);
  }, 600_000);

  it('killed as the agent is about to create its task, creates exactly one', async () => {
    const { first, enrollment, key, contactId } = await enrollInAgentFlow({
      instructions: 'Invite {{contact.firstName}} to a demo',
      tools: ['crm_lookup', 'create_task'],
      maxSteps: 2,
      draftMaxTokens: 60,
    });

    // The create_task call is chosen and checkpointed: the kill lands just before, during or just
    // after the call (whichever it is, the retry must not make a second task).
    await untilCheckpoint(
      key,
      'the create_task call checkpointed',
      (values) => (values.pendingCall as { tool?: string } | null | undefined)?.tool === 'create_task',
    );
    first.kill();
    await first.exited;
    await spawnWorker();
    const approval = await draftInInbox(enrollment.enrollmentId);
    const tasks = (await db.query(`SELECT title FROM tasks WHERE tenant_id = $1 AND contact_id = $2`, [
      admin.tenantId,
      contactId,
    ])) as Array<{ title: string }>;
    expect(tasks).toEqual([{ title: 'Follow up with Grace Lovelace' }]);
    expect(approval.context.research).toMatch(/^Grace Lovelace\./);
    await decideApproval(db, { ...admin, role: 'marketer' }, approval.id, { action: 'reject' }, (decided) =>
      client.workflow.getHandle(enrollment.workflowId).signal(agentApprovalSignal, {
        key: decided.key,
        decision: { action: 'reject' },
        decidedBy: { kind: 'api_key', id: null },
      }),
    );
    expect(await client.workflow.getHandle(enrollment.workflowId).result()).toMatchObject({ status: 'completed' });
  }, 600_000);
});
