import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Principal } from '@cadenza/core';
import { createFlow, getContact, listAgentSteps, listApprovals, listSideEffects, type DataSource } from '@cadenza/data';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import {
  agentChainAnswers,
  startOpenAiDouble,
  toolResultsIn,
  type ChatRequest,
  type ChatReply,
  type OpenAiDouble,
} from '@cadenza/test-harness/openai-double';
import { agentStepOf, decide, pendingApprovalOf, startAgentRun, tasksOf } from './agent-run.test-support';

/**
 * The agent's tool loop with a model that calls tools: the vendor path against a local server
 * speaking OpenAI's chat-completions wire format (tool calls included), through the real flow
 * interpreter (time-skipping test server), real PostgreSQL and the real checkpointer.
 */
describe('ai_agent tools chosen by a tool-calling model (OpenAI wire format)', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  let double: OpenAiDouble;
  const taskQueue = `agent-tools-openai-${randomUUID()}`;
  /** Each test's answers, by the contact's first name in the conversation (runs never share one). */
  const scripts = new Map<string, (request: ChatRequest, index: number) => ChatReply>();

  beforeAll(async () => {
    double = await startOpenAiDouble((request, index) => {
      const text = JSON.stringify(request.messages);
      for (const [name, answer] of scripts) if (text.includes(name)) return answer(request, index);
      return agentChainAnswers([])(request);
    });
    flowEnv = await startTimeSkippingFlowEnv(taskQueue, 'Agent tools (OpenAI)', {
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: double.baseUrl, OPENAI_MODEL: 'gpt-test' },
    });
    ({ env, db, admin } = flowEnv);
  }, 120_000);

  afterAll(async () => {
    await flowEnv?.teardown();
    await double?.close();
  });

  const ctx = () => ({ env, db, taskQueue });

  it('makes the calls the model chooses, waits for approval of update_field, and creates one task despite a retry', async () => {
    const name = `Grace${randomUUID().slice(0, 8)}`;
    const contactId = await newContact(db, admin, {
      firstName: name,
      title: 'CTO',
      email: `${randomUUID()}@example.com`,
    });
    const chain = agentChainAnswers([
      { name: 'crm_lookup', arguments: {} },
      { name: 'update_field', arguments: { field: 'leadStatus', value: 'connected' } },
      { name: 'create_task', arguments: { title: `Call ${name} about the pilot`, priority: 'high' } },
    ]);
    let failedOnce = false;
    scripts.set(name, (request) => {
      // The vendor fails the turn after the task was created, once: Temporal retries the activity.
      if (request.tools && toolResultsIn(request) === 3 && !failedOnce) {
        failedOnce = true;
        return { status: 500 };
      }
      return chain(request);
    });
    const { handle, enrollmentId, key } = await startAgentRun(ctx(), admin, contactId, {
      instructions: 'Qualify {{contact.firstName}} and set up a call',
      tools: ['crm_lookup', 'update_field', 'create_task'],
      maxSteps: 5,
      draftMaxTokens: 120,
    });

    const proposed = await pendingApprovalOf(db, admin.tenantId, enrollmentId);
    expect(proposed.toolCall).toEqual({
      index: 1,
      tool: 'update_field',
      input: { field: 'leadStatus', value: 'connected' },
    });
    expect(proposed.draft.subject).toBe('Allow the AI agent to update field');
    // Nothing changed before the decision.
    expect((await getContact(db, admin, contactId)).leadStatus).not.toBe('connected');
    // A proposed call is approved or rejected, never edited.
    await expect(
      decide(db, admin, handle, proposed, { action: 'edit', draft: { subject: 'x', body: 'y' } } as never),
    ).rejects.toThrow(/proposed tool call/);
    await decide(db, admin, handle, proposed, { action: 'approve' });

    const draft = await pendingApprovalOf(db, admin.tenantId, enrollmentId, (item) => item.toolCall === null);
    expect(draft.draft.subject.length).toBeGreaterThan(0);
    await decide(db, admin, handle, draft, { action: 'reject' });
    expect(await handle.result()).toMatchObject({ status: 'completed' });

    const agent = await agentStepOf(db, admin.tenantId, enrollmentId);
    expect(agent.step.output).toBe('rejected');
    expect(agent.toolOutcome).toBe('finished');
    expect(agent.research).toBe('Grace leads engineering at Navy Labs and asked about pricing.');
    expect(agent.toolCalls.map(({ index, tool, chosenBy, error }) => ({ index, tool, chosenBy, error }))).toEqual([
      { index: 0, tool: 'crm_lookup', chosenBy: 'model', error: undefined },
      { index: 1, tool: 'update_field', chosenBy: 'model', error: undefined },
      { index: 2, tool: 'create_task', chosenBy: 'model', error: undefined },
    ]);
    expect(agent.toolCalls[0]!.output).toMatchObject({ contact: { firstName: name, title: 'CTO' } });
    expect(agent.toolCalls[1]!.approval).toEqual({ decision: 'approve' });
    expect(agent.toolCalls[1]!.output).toMatchObject({ after: 'connected' });
    expect((await getContact(db, admin, contactId)).leadStatus).toBe('connected');

    // The retry resumed after the task (the vendor failed the next turn): one task, one key.
    expect(failedOnce).toBe(true);
    expect((await tasksOf(db, admin.tenantId, contactId)).map((task) => task.title)).toEqual([
      `Call ${name} about the pilot`,
    ]);
    expect((await listSideEffects(db, admin.tenantId, enrollmentId)).map((effect) => effect.key)).toEqual([
      `${key}:tool:1`,
      `${key}:tool:2`,
    ]);
    const attempts = (await listAgentSteps(db, admin.tenantId, key)).map((step) => `${step.node}#${step.attempt}`);
    expect(attempts.filter((step) => step.startsWith('call_tool'))).toEqual([
      'call_tool#1',
      'call_tool#1',
      'call_tool#1',
    ]);
    expect(attempts).toContain('choose_tool#2');

    // Only the listed tools were offered to the model.
    const offered = double.requests.filter(
      (request) => JSON.stringify(request.messages).includes(name) && request.tools,
    );
    expect(new Set(offered.flatMap((request) => request.tools!.map((tool) => tool.function.name)))).toEqual(
      new Set(['crm_lookup', 'update_field', 'create_task']),
    );
  }, 300_000);

  it('skips a rejected call, stops at maxSteps, and goes on to the draft', async () => {
    const name = `Alan${randomUUID().slice(0, 8)}`;
    const contactId = await newContact(db, admin, { firstName: name, email: `${randomUUID()}@example.com` });
    scripts.set(
      name,
      agentChainAnswers([
        { name: 'update_field', arguments: { field: 'leadStatus', value: 'unqualified' } },
        { name: 'crm_lookup', arguments: {} },
        { name: 'crm_lookup', arguments: {} },
      ]),
    );
    const { handle, enrollmentId } = await startAgentRun(ctx(), admin, contactId, {
      instructions: 'Qualify the lead',
      tools: ['crm_lookup', 'update_field'],
      maxSteps: 2,
    });
    const proposed = await pendingApprovalOf(db, admin.tenantId, enrollmentId);
    expect(proposed.toolCall?.tool).toBe('update_field');
    await decide(db, admin, handle, proposed, { action: 'reject', reason: 'not yet' });
    const draft = await pendingApprovalOf(db, admin.tenantId, enrollmentId, (item) => item.toolCall === null);
    await decide(db, admin, handle, draft, { action: 'reject' });
    expect(await handle.result()).toMatchObject({ status: 'completed' });

    const agent = await agentStepOf(db, admin.tenantId, enrollmentId);
    expect(agent.toolOutcome).toBe('max_steps');
    expect(agent.toolCalls.map((call) => [call.tool, call.error ?? null, call.approval?.decision ?? null])).toEqual([
      ['update_field', 'rejected by a person', 'reject'],
      ['crm_lookup', null, null],
    ]);
    expect((await getContact(db, admin, contactId)).leadStatus).not.toBe('unqualified');
    expect(await listSideEffects(db, admin.tenantId, enrollmentId)).toEqual([]);
  }, 300_000);

  it('enrolls in a published flow once approved, refuses a draft flow without asking, and ignores a tool not offered', async () => {
    const name = `Ada${randomUUID().slice(0, 8)}`;
    const contactId = await newContact(db, admin, { firstName: name, email: `${randomUUID()}@example.com` });
    const target = await publishedFlow(
      db,
      admin,
      flowOf([{ id: 'tag', type: 'add_tag', settings: { tag: 'nurture' } }], [['start', 'tag']]),
      'Nurture',
    );
    const unpublished = await createFlow(
      db,
      admin,
      { name: 'Unpublished', kind: 'sequence', draft: flowOf([], []) },
      harnessEgress.allow,
    );
    scripts.set(
      name,
      agentChainAnswers([
        { name: 'enroll_in_flow', arguments: { flowId: unpublished.id } },
        { name: 'enroll_in_flow', arguments: { flowId: target.flowId } },
        { name: 'send_fax', arguments: { to: 'anyone' } },
      ]),
    );
    const { handle, enrollmentId } = await startAgentRun(ctx(), admin, contactId, {
      instructions: 'Move {{contact.firstName}} to nurturing',
      tools: ['enroll_in_flow'],
      maxSteps: 5,
    });
    const proposed = await pendingApprovalOf(db, admin.tenantId, enrollmentId);
    expect(proposed.toolCall).toEqual({ index: 1, tool: 'enroll_in_flow', input: { flowId: target.flowId } });
    await decide(db, admin, handle, proposed, { action: 'approve' });
    const draft = await pendingApprovalOf(db, admin.tenantId, enrollmentId, (item) => item.toolCall === null);
    await decide(db, admin, handle, draft, { action: 'reject' });
    expect(await handle.result()).toMatchObject({ status: 'completed' });

    const agent = await agentStepOf(db, admin.tenantId, enrollmentId);
    expect(agent.toolOutcome).toBe('finished');
    expect(agent.toolCalls).toHaveLength(2);
    expect(agent.toolCalls[0]).toMatchObject({
      tool: 'enroll_in_flow',
      error: `flow ${unpublished.id} is not published and active (it is draft)`,
    });
    expect(agent.toolCalls[0]!.approval).toBeUndefined();
    expect(agent.toolCalls[1]).toMatchObject({ approval: { decision: 'approve' }, output: { status: 'started' } });
    const decided = (await listApprovals(db, admin.tenantId, { status: 'approved', limit: 200 })).items;
    expect(decided.filter((item) => item.enrollmentId === enrollmentId).map((item) => item.toolCall?.index)).toEqual([
      1,
    ]);
    // The enrolled run of the published flow tags the contact.
    const started = agent.toolCalls[1]!.output as { enrollmentId: string; workflowId: string };
    expect(started.enrollmentId).toMatch(/^[0-9a-f-]{36}$/);
    await env.client.workflow.getHandle(started.workflowId).result();
    expect((await getContact(db, admin, contactId)).tags).toEqual(['nurture']);
  }, 300_000);
});
