import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FlowDefinitionInput, Principal } from '@cadenza/core';
import { getContact, getRun, listSideEffects, type DataSource } from '@cadenza/data';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { closeLocalModel } from './chat-model-switch';

/**
 * AI steps through the real flow interpreter (time-skipping test server), the real PostgreSQL and the
 * real local model: no vendor key is set here, so the switch picks the local GGUF model.
 */
describe('AI steps in a flow run', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  const taskQueue = `ai-flow-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue);
    ({ env, db, admin } = flowEnv);
  }, 120_000);

  afterAll(async () => {
    await flowEnv?.teardown();
    await closeLocalModel();
  });

  async function run(definition: FlowDefinitionInput, contact: Record<string, unknown>) {
    const contactId = await newContact(db, admin, { email: `${randomUUID()}@example.com`, ...contact });
    const flow = await publishedFlow(db, admin, definition);
    const enrollmentId = randomUUID();
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue,
      workflowId: `ai-flow-${enrollmentId}`,
      args: [
        {
          tenantId: admin.tenantId,
          flowId: flow.flowId,
          flowVersion: flow.version,
          flowName: 'AI flow',
          contactId,
          enrollmentId,
          definition: flow.definition,
          testMode: false,
          startedAt: new Date().toISOString(),
        },
      ],
    });
    const result = await handle.result();
    return { result, contactId, enrollmentId };
  }

  it('llm_generate writes a personalised text, records its usage and saves it to a field once', async () => {
    const definition = flowOf(
      [
        {
          id: 'draft',
          type: 'llm_generate',
          settings: {
            system: 'You write short, friendly sales emails.',
            prompt: 'Write one sentence inviting {{contact.firstName}} to a product demo.',
            maxTokens: 40,
            saveToField: 'title',
          },
        },
        { id: 'score', type: 'score_lead', settings: { method: 'ai', criteria: 'Has a first name and an email' } },
      ],
      [
        ['start', 'draft'],
        ['draft', 'score'],
      ],
    );
    const { result, contactId, enrollmentId } = await run(definition, { firstName: 'Grace' });
    expect(result).toMatchObject({ status: 'completed', steps: 2 });

    const steps = (await getRun(db, admin.tenantId, enrollmentId)).steps;
    const draft = steps.find((step) => step.nodeId === 'draft')!.result as Record<string, unknown>;
    expect(typeof draft.text).toBe('string');
    expect((draft.text as string).length).toBeGreaterThan(0);
    expect(draft).toMatchObject({ provider: 'local', model: 'gemma-3-270m-q4_k_m.gguf', savedTo: 'title' });
    expect(draft.promptVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(draft.inputTokens).toEqual(expect.any(Number));
    expect(draft.outputTokens as number).toBeGreaterThan(0);
    expect(draft.outputTokens as number).toBeLessThanOrEqual(40);
    expect(draft.latencyMs).toEqual(expect.any(Number));

    const contact = await getContact(db, admin, contactId);
    expect(contact.title).toBe(draft.text);
    const score = steps.find((step) => step.nodeId === 'score')!.result as Record<string, unknown>;
    expect(contact.score).toBe(score.score);
    expect(score.score as number).toBeGreaterThanOrEqual(0);
    expect(score.score as number).toBeLessThanOrEqual(100);

    // One recorded side effect per AI step: the idempotency key held.
    const effects = await listSideEffects(db, admin.tenantId, enrollmentId);
    expect(effects.map((effect) => effect.node_type).sort()).toEqual(['llm_generate', 'score_lead']);
  }, 120_000);
});
