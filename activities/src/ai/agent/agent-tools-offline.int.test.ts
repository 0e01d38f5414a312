import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { AGENT_CHECKPOINT_SCHEMA, createKnowledgeDocument, createNote, type DataSource } from '@cadenza/data';
import { indexKnowledgeDocument, indexPendingKnowledge } from '@cadenza/services/ai';
import { closeLocalEmbedder, createEmbedder } from '../embedder-switch';
import type { NodeOfType, Principal } from '@cadenza/core';
import { createCrmFlowPort } from '@cadenza/services/flow';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { newContact } from '@cadenza/test-harness/flow-fixtures';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { chatModelSourceOf, closeLocalModel, loadAiEnv } from '../chat-model-switch';
import { createFlowActionActivities } from '../../flow/actions';
import { activitySettingsFromEnv } from '../../activity-settings';
import { workerKnowledgeSearch } from '../knowledge/worker-knowledge-search';
import { agentStepOf, decide, pendingApprovalOf, startAgentRun, tasksOf } from './agent-run.test-support';

/**
 * The offline agent (the local 270M base model, which cannot choose tools): its plan calls
 * crm_lookup, knowledge_search (the worker's real search: the local embedder over PostgreSQL)
 * and create_task in turn, the model choosing only the task's priority under a grammar; through
 * the real interpreter, PostgreSQL and checkpointer.
 */
describe('ai_agent tools offline (the local base model)', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  const taskQueue = `agent-tools-offline-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue, 'Agent tools (offline)');
    ({ env, db, admin } = flowEnv);
  }, 120_000);

  afterAll(async () => {
    await flowEnv?.teardown();
    await closeLocalModel();
    await closeLocalEmbedder();
  });

  /** A workspace document and a note about the contact, embedded as the worker's indexing would. */
  async function knowledgeAbout(contactId: string) {
    const { embedder } = createEmbedder(loadAiEnv(), harnessEgress);
    const document = await createKnowledgeDocument(
      db,
      admin.tenantId,
      {
        kind: 'snippet',
        title: 'Demo offer',
        format: 'text',
        text: 'Our product demo takes 20 minutes and shows automated follow-up sequences for sales teams.',
      },
      null,
    );
    await indexKnowledgeDocument({ db, embedder }, { tenantId: admin.tenantId, documentId: document.id });
    await createNote(db, admin, { contactId, body: 'Grace wants to see a demo before the budget meeting in March.' });
    while ((await indexPendingKnowledge({ db, embedder }, { limit: 64, tenantId: admin.tenantId })).embedded > 0);
  }

  const ctx = () => ({ env, db, taskQueue });
  const tools = ['crm_lookup', 'knowledge_search', 'create_task'];

  it('calls its three tools, researches from them, and creates one task even when the activity runs again', async () => {
    const contactId = await newContact(db, admin, {
      firstName: 'Grace',
      lastName: 'Hopper',
      title: 'CTO',
      email: `${randomUUID()}@example.com`,
    });
    await knowledgeAbout(contactId);
    const settings = { instructions: 'Invite {{contact.firstName}} to a demo', tools, maxSteps: 3, draftMaxTokens: 60 };
    const { handle, enrollmentId, flowId, key } = await startAgentRun(ctx(), admin, contactId, settings);
    const approval = await pendingApprovalOf(db, admin.tenantId, enrollmentId);
    expect(approval.toolCall).toBeNull();
    // The research is what crm_lookup found, not the raw record in a prompt.
    expect(approval.context.research).toMatch(/^Grace Hopper, CTO\./);
    const [task] = await tasksOf(db, admin.tenantId, contactId);
    expect(task?.title).toBe('Follow up with Grace Hopper');

    // The worst retry: every checkpoint of the chain lost after the task was created (a worker killed
    // between the tool's commit and its checkpoint, on every node). The activity runs the chain again.
    await db.query(`DELETE FROM "${AGENT_CHECKPOINT_SCHEMA}".checkpoints WHERE thread_id = $1`, [key]);
    await db.query(`DELETE FROM "${AGENT_CHECKPOINT_SCHEMA}".checkpoint_writes WHERE thread_id = $1`, [key]);
    await db.query(`DELETE FROM "${AGENT_CHECKPOINT_SCHEMA}".checkpoint_blobs WHERE thread_id = $1`, [key]);
    const activities = createFlowActionActivities({
      db,
      crm: createCrmFlowPort(db),
      enroll: () => Promise.reject(new Error('no enrollments here')),
      egress: harnessEgress,
      chatModel: chatModelSourceOf(loadAiEnv(), harnessEgress),
      knowledge: workerKnowledgeSearch(db, activitySettingsFromEnv()),
      // The agent reads no replies.
      replyTriager: async () => null,
    });
    const run = await db.query(`SELECT definition FROM flow_versions WHERE tenant_id = $1 AND flow_id = $2`, [
      admin.tenantId,
      flowId,
    ]);
    const node = (run[0].definition as { nodes: Array<NodeOfType<'ai_agent'>> }).nodes[0]!;
    const again = await activities.flowAiAgent({
      key,
      tenantId: admin.tenantId,
      enrollmentId,
      flowId,
      contactId,
      testMode: false,
      node: { ...node, settings: { ...settings, ...node.settings } } as never,
      stepOutputs: {},
      workflowId: `agent-tools-${enrollmentId}`,
      approvalExpiresAt: null,
    });
    expect(again.awaitingApproval?.approvalId).toBe(approval.id);
    const rerun = (again.result as { toolCalls: Array<{ tool: string; output?: { taskId?: string } }> }).toolCalls;
    expect(rerun.find((call) => call.tool === 'create_task')?.output?.taskId).toBe(task!.id);
    expect(await tasksOf(db, admin.tenantId, contactId)).toHaveLength(1);

    await decide(db, admin, handle, approval, { action: 'reject' });
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    const agent = await agentStepOf(db, admin.tenantId, enrollmentId);
    expect(agent.step.output).toBe('rejected');
    expect(agent.toolOutcome).toBe('finished');
    expect(agent.toolCalls.map((call) => [call.index, call.tool, call.chosenBy])).toEqual([
      [0, 'crm_lookup', 'plan'],
      [1, 'knowledge_search', 'plan'],
      [2, 'create_task', 'plan'],
    ]);
    expect(agent.toolCalls[0]!.output).toMatchObject({ contact: { firstName: 'Grace', lastName: 'Hopper' } });
    expect(agent.toolCalls[1]!.input).toEqual({ query: 'Invite Grace to a demo (CTO)', limit: 5 });
    // The search found the contact's note and the workspace's snippet, and the research quotes them.
    expect(agent.toolCalls[1]!.error).toBeUndefined();
    const hits = (agent.toolCalls[1]!.output as { hits: Array<{ source: string; title: string; text: string }> }).hits;
    expect(hits.map((hit) => hit.source)).toEqual(expect.arrayContaining(['note', 'document']));
    expect(hits.find((hit) => hit.source === 'note')?.text).toContain('budget meeting in March');
    expect(approval.context.research).toMatch(/From "[^"]+": /);
    expect(['low', 'normal', 'high']).toContain(agent.toolCalls[2]!.input.priority);
    expect(agent.toolCalls[2]!.output).toMatchObject({ taskId: task!.id, title: 'Follow up with Grace Hopper' });
    expect(await tasksOf(db, admin.tenantId, contactId)).toHaveLength(1);
  }, 600_000);

  it('stops at maxSteps, and a test run captures the task instead of creating it', async () => {
    const contactId = await newContact(db, admin, { firstName: 'Alan', email: `${randomUUID()}@example.com` });
    const capped = await startAgentRun(
      ctx(),
      admin,
      contactId,
      { instructions: 'Invite {{contact.firstName}} to a demo', tools, maxSteps: 2, requireApproval: false },
      { testMode: true },
    );
    expect(await capped.handle.result()).toMatchObject({ status: 'completed' });
    const stopped = await agentStepOf(db, admin.tenantId, capped.enrollmentId);
    expect(stopped.toolOutcome).toBe('max_steps');
    expect(stopped.toolCalls.map((call) => call.tool)).toEqual(['crm_lookup', 'knowledge_search']);

    const captured = await startAgentRun(
      ctx(),
      admin,
      contactId,
      {
        instructions: 'Invite {{contact.firstName}} to a demo',
        tools: ['create_task'],
        maxSteps: 1,
        requireApproval: false,
      },
      { testMode: true },
    );
    expect(await captured.handle.result()).toMatchObject({ status: 'completed' });
    const [call] = (await agentStepOf(db, admin.tenantId, captured.enrollmentId)).toolCalls;
    expect(call).toMatchObject({ tool: 'create_task', captured: true });
    expect(call!.output).toMatchObject({ wouldDo: { createTask: { title: 'Follow up with Alan Lovelace' } } });
    expect(await tasksOf(db, admin.tenantId, contactId)).toEqual([]);
  }, 600_000);
});
