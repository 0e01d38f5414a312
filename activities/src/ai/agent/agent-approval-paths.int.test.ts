import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sideEffectKey, type FlowDefinitionInput, type Principal } from '@cadenza/core';
import {
  decideApproval,
  getContact,
  getRun,
  listAgentSteps,
  listApprovals,
  listSideEffects,
  listTimeline,
  type DataSource,
} from '@cadenza/data';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { adminOfNewTenant, flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { seedLeadOutcomes } from '@cadenza/test-harness/lead-outcomes';
import { closeLocalModel } from '../chat-model-switch';
import { trainTenantLeadModel } from '@cadenza/services/scoring';
import { agentApprovalSignal } from '@cadenza/contracts';
import { pendingApprovalOf as pendingApproval } from './agent-run.test-support';

/**
 * The agent chain through the real interpreter (time-skipping test server: days of waiting
 * pass in seconds), the real PostgreSQL checkpointer and the real local model. Nothing is sent
 * on these paths, so the worker needs no mail sink.
 */
describe('ai_agent: reject and timeout paths', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  const taskQueue = `ai-agent-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue, 'Agent paths');
    ({ env, db, admin } = flowEnv);
  }, 120_000);

  afterAll(async () => {
    await flowEnv?.teardown();
    await closeLocalModel();
  });

  /** agent -> (rejected) tag "rejected" / (timeout) tag "timed-out"; the sent path goes nowhere. */
  const agentFlow: FlowDefinitionInput = flowOf(
    [
      {
        id: 'agent',
        type: 'ai_agent',
        settings: {
          instructions: 'Invite {{contact.firstName}} to a demo of our CRM',
          draftMaxTokens: 60,
          approvalTimeout: { amount: 2, unit: 'days' },
        },
      },
      { id: 'on-reject', type: 'add_tag', settings: { tag: 'rejected' } },
      { id: 'on-timeout', type: 'add_tag', settings: { tag: 'timed-out' } },
    ],
    [
      ['start', 'agent'],
      ['agent', 'on-reject', 'rejected'],
      ['agent', 'on-timeout', 'timeout'],
    ],
  );

  async function start(principal: Principal = admin, existingContactId?: string) {
    const contactId =
      existingContactId ??
      (await newContact(db, principal, { firstName: 'Grace', email: `${randomUUID()}@example.com` }));
    const flow = await publishedFlow(db, principal, agentFlow);
    const enrollmentId = randomUUID();
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue,
      workflowId: `ai-agent-${enrollmentId}`,
      args: [
        {
          tenantId: principal.tenantId,
          flowId: flow.flowId,
          flowVersion: flow.version,
          flowName: 'Agent flow',
          contactId,
          enrollmentId,
          definition: flow.definition,
          testMode: false,
          startedAt: new Date().toISOString(),
        },
      ],
    });
    return { handle, contactId, enrollmentId, key: sideEffectKey(enrollmentId, 'agent', 1) };
  }

  const pendingApprovalOf = (enrollmentId: string, tenantId = admin.tenantId) =>
    pendingApproval(db, tenantId, enrollmentId);

  it('waits with the draft in the inbox, and a rejection takes the "rejected" output without sending', async () => {
    const { handle, contactId, enrollmentId, key } = await start();
    const approval = await pendingApprovalOf(enrollmentId);
    // Shape, not meaning: a tiny base model writes something, bounded by the schema.
    expect(approval.draft.subject.length).toBeGreaterThan(0);
    expect(approval.draft.body.length).toBeGreaterThan(0);
    expect(approval.contact).toMatchObject({ id: contactId, name: 'Grace Lovelace' });
    expect(approval.flow.name).toBe('Test flow');
    expect(approval.context).toHaveProperty('research');

    const reviewer: Principal = { ...admin, role: 'marketer' };
    await decideApproval(db, reviewer, approval.id, { action: 'reject', reason: 'too pushy' }, (decided) =>
      handle.signal(agentApprovalSignal, {
        key: decided.key,
        decision: { action: 'reject', reason: 'too pushy' },
        decidedBy: { kind: 'api_key', id: null },
      }),
    );
    expect(await handle.result()).toMatchObject({ status: 'completed' });

    const steps = (await getRun(db, admin.tenantId, enrollmentId)).steps;
    expect(steps.map((step) => [step.nodeId, step.output])).toEqual([
      ['agent', 'rejected'],
      ['on-reject', 'next'],
    ]);
    const agentResult = steps[0]!.result as Record<string, unknown>;
    expect(agentResult).toMatchObject({ decision: 'reject', delivery: null, approvalId: approval.id });
    expect((agentResult.usage as unknown[]).length).toBe(3);
    expect(agentResult.outputTokens as number).toBeGreaterThan(0);

    // Nothing sent: the only side effect is the tag of the rejected path.
    expect((await listSideEffects(db, admin.tenantId, enrollmentId)).map((e) => e.node_type)).toEqual(['add_tag']);
    expect((await getContact(db, admin, contactId)).tags).toEqual(['rejected']);
    const [decided] = (await listApprovals(db, admin.tenantId, { status: 'rejected', limit: 200 })).items.filter(
      (item) => item.id === approval.id,
    );
    expect(decided).toMatchObject({ status: 'rejected', reason: 'too pushy', sent: null });
    const timeline = await listTimeline(db, admin, contactId, { limit: 50 });
    expect(timeline.items.map((entry) => entry.summary)).toEqual(
      expect.arrayContaining([expect.stringMatching(/drafted .* for approval/), 'An API key rejected the AI draft']),
    );
    // Each node of the chain ran once: research, score, draft, then approval on resume.
    expect((await listAgentSteps(db, admin.tenantId, key)).map((step) => step.node)).toEqual([
      'research_contact',
      'score_lead',
      'draft_email',
      'await_approval',
    ]);
  }, 300_000);

  it('takes the "timeout" output when nobody decides in time, and marks the draft expired', async () => {
    const { handle, contactId, enrollmentId } = await start();
    const approval = await pendingApprovalOf(enrollmentId);
    expect(Date.parse(approval.expiresAt!) - Date.parse(approval.createdAt)).toBeGreaterThan(47 * 3600_000);
    // Awaiting the result lets the test server skip the two days.
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    const steps = (await getRun(db, admin.tenantId, enrollmentId)).steps;
    expect(steps.map((step) => [step.nodeId, step.output])).toEqual([
      ['agent', 'timeout'],
      ['on-timeout', 'next'],
    ]);
    expect((await getContact(db, admin, contactId)).tags).toEqual(['timed-out']);
    const expired = (await listApprovals(db, admin.tenantId, { status: 'expired', limit: 200 })).items;
    expect(expired.map((item) => item.id)).toContain(approval.id);
    expect(expired.find((item) => item.id === approval.id)?.decidedBy).toEqual({ kind: 'workflow', id: enrollmentId });
  }, 300_000);

  it("scores with the tenant's trained lead model when it has one, instead of asking the LLM", async () => {
    const tenant = await adminOfNewTenant(db, 'Agent with a lead model');
    const { hot } = await seedLeadOutcomes(db, tenant.tenantId, 120);
    await db.query(`UPDATE contacts SET first_name = 'Grace' WHERE tenant_id = $1 AND id = $2`, [tenant.tenantId, hot]);
    const trained = await trainTenantLeadModel(db, tenant.tenantId, 'deal_won', 'test');
    const { handle, enrollmentId, key } = await start(tenant, hot);
    const approval = await pendingApprovalOf(enrollmentId, tenant.tenantId);
    // The score is the model's, explained in its own features (the LLM judge answers in prose). Its value is
    // not compared: on freshly seeded contacts the age feature moves by the second and dominates it.
    const score = approval.context.score as { score: number; explanation: string };
    expect(Number.isInteger(score.score) && score.score >= 0 && score.score <= 100).toBe(true);
    expect(score.explanation).toMatch(/^P=[01]\.\d\d; top contributions \(log-odds\): /);
    expect(trained.features.some((feature) => score.explanation.includes(`${feature}=`))).toBe(true);
    const steps = await listAgentSteps(db, tenant.tenantId, key);
    expect(steps.find((step) => step.node === 'score_lead')?.usage).toMatchObject({
      provider: 'lead-model',
      model: `lead-model-v${trained.version}`,
      inputTokens: 0,
      outputTokens: 0,
    });
    // The other nodes still ask the chat model.
    expect(steps.find((step) => step.node === 'draft_email')?.usage?.provider).toBe('local');

    await decideApproval(db, { ...tenant, role: 'marketer' }, approval.id, { action: 'reject' }, (decided) =>
      handle.signal(agentApprovalSignal, {
        key: decided.key,
        decision: { action: 'reject' },
        decidedBy: { kind: 'api_key', id: null },
      }),
    );
    expect(await handle.result()).toMatchObject({ status: 'completed' });
  }, 300_000);
});
