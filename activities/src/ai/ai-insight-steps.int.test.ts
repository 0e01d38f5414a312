import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type FlowDefinitionInput, type Principal } from '@cadenza/core';
import {
  createPromptVersion,
  getRun,
  getTokenBudget,
  listSideEffects,
  setTokenBudget,
  type DataSource,
} from '@cadenza/data';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { closeLocalModel } from './chat-model-switch';
import { cancelSignal } from '@cadenza/contracts';

/**
 * Tenant prompts, the timeline-summary and field-extraction steps, and token budgets, through the
 * real interpreter, PostgreSQL and local model. A tiny base model: shapes are asserted, not meaning.
 */
describe('AI insight steps, tenant prompts and token budgets', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  const taskQueue = `ai-insight-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue, 'AI insight');
    ({ env, db, admin } = flowEnv);
  }, 120_000);

  afterAll(async () => {
    await flowEnv?.teardown();
    await closeLocalModel();
  });

  async function start(definition: FlowDefinitionInput) {
    const contactId = await newContact(db, admin, { firstName: 'Grace', email: `${randomUUID()}@example.com` });
    const flow = await publishedFlow(db, admin, definition);
    const enrollmentId = randomUUID();
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue,
      workflowId: `ai-insight-${enrollmentId}`,
      args: [
        {
          tenantId: admin.tenantId,
          flowId: flow.flowId,
          flowVersion: flow.version,
          flowName: 'Insight flow',
          contactId,
          enrollmentId,
          definition: flow.definition,
          testMode: false,
          startedAt: new Date().toISOString(),
        },
      ],
    });
    return { handle, contactId, enrollmentId };
  }

  it('summarises with a pinned prompt version, generates with the latest, extracts typed values, and meters tokens', async () => {
    const actor = { kind: 'api_key' as const, id: null };
    await createPromptVersion(db, admin.tenantId, 'rep-brief', { template: 'Brief: {{json contact}}' }, actor);
    await createPromptVersion(db, admin.tenantId, 'rep-brief', { template: 'Second wording {{activity}}' }, actor);
    await createPromptVersion(db, admin.tenantId, 'greeting', { template: 'Say hello.' }, actor);
    const greeting = await createPromptVersion(
      db,
      admin.tenantId,
      'greeting',
      { system: 'You are brief.', template: 'Say hello to {{contact.firstName}}.' },
      actor,
    );
    expect(greeting.version).toBe(2);
    const before = await getTokenBudget(db, admin.tenantId);

    const { handle, enrollmentId } = await start(
      flowOf(
        [
          {
            id: 'brief',
            type: 'ai_summarize_timeline',
            settings: { promptRef: { name: 'rep-brief', version: 1 }, maxTokens: 40 },
          },
          {
            id: 'hello',
            type: 'llm_generate',
            settings: { prompt: 'unused', promptRef: { name: 'greeting' }, maxTokens: 20 },
          },
          {
            id: 'extract',
            type: 'ai_extract_fields',
            settings: {
              source: 'We have a budget of 5000 euros and would like to start in March. Grace',
              fields: [
                { name: 'budget', type: 'number', description: 'budget in euros' },
                { name: 'startMonth', type: 'string' },
                { name: 'urgent', type: 'boolean' },
              ],
              maxTokens: 60,
            },
          },
        ],
        [
          ['start', 'brief'],
          ['brief', 'hello'],
          ['hello', 'extract'],
        ],
      ),
    );
    expect(await handle.result()).toMatchObject({ status: 'completed', steps: 3 });
    const steps = (await getRun(db, admin.tenantId, enrollmentId)).steps;
    const result = (id: string) => steps.find((step) => step.nodeId === id)!.result as Record<string, unknown>;

    expect(result('brief')).toMatchObject({ provider: 'local', promptVersion: 'rep-brief@v1' });
    expect((result('brief').text as string).length).toBeGreaterThan(0);
    expect(result('hello')).toMatchObject({ promptVersion: 'greeting@v2' });
    const extracted = result('extract');
    expect(Object.keys(extracted.values as object).sort()).toEqual(['budget', 'startMonth', 'urgent']);
    const values = extracted.values as Record<string, unknown>;
    expect(['number', 'object']).toContain(typeof values.budget);
    expect(['string', 'object']).toContain(typeof values.startMonth);
    expect(['boolean', 'object']).toContain(typeof values.urgent);
    expect(extracted.promptVersion).toMatch(/^[0-9a-f]{12}$/);

    const spent = ['brief', 'hello', 'extract'].reduce(
      (sum, id) => sum + (result(id).inputTokens as number) + (result(id).outputTokens as number),
      0,
    );
    const after = await getTokenBudget(db, admin.tenantId);
    expect(after.usedToday - before.usedToday).toBe(spent);
    expect(after.callsToday - before.callsToday).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('fails an AI step with a clear, non-retried error once the tenant budget is spent', async () => {
    const used = (await getTokenBudget(db, admin.tenantId)).usedToday;
    await setTokenBudget(db, admin.tenantId, used);
    const { handle, enrollmentId } = await start(
      flowOf(
        [{ id: 'hello', type: 'llm_generate', settings: { prompt: 'Say hello', maxTokens: 10 } }],
        [['start', 'hello']],
      ),
    );
    const failed = await (async () => {
      for (let i = 0; i < 300; i++) {
        const run = await getRun(db, admin.tenantId, enrollmentId).catch(() => null);
        if (run?.status === 'failed') return run;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the run did not fail');
    })();
    expect(failed.steps[0]).toMatchObject({ nodeId: 'hello', status: 'failed' });
    expect(failed.steps[0]!.error).toMatch(/daily AI token budget is exhausted: \d+ of \d+ tokens used today/);
    expect(await listSideEffects(db, admin.tenantId, enrollmentId)).toEqual([]);
    // Non-retryable: Temporal gave up after the first attempt.
    const history = await handle.fetchHistory();
    const attempts = history
      .events!.filter((event) => event.activityTaskStartedEventAttributes)
      .map((event) => event.activityTaskStartedEventAttributes!.attempt);
    expect(Math.max(...attempts.map(Number))).toBe(1);
    expect((await getTokenBudget(db, admin.tenantId)).usedToday).toBe(used);
    await setTokenBudget(db, admin.tenantId, null);
    await handle.signal(cancelSignal, { reason: 'budget test over' });
    expect(await handle.result()).toMatchObject({ status: 'cancelled' });
  }, 120_000);
});
