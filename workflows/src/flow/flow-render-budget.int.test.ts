import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { LIMITS, type Principal } from '@cadenza/core';
import { getRun, type DataSource } from '@cadenza/data';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import type { FlowRunInput } from '@cadenza/contracts';
import { currentNodeQuery } from '@cadenza/contracts';

/**
 * A send whose snippets break the render budget (issue 19 §3) fails at once, naming the limit,
 * without retries: rendering it again would only build the same output again.
 */
describe('send steps over the render budget', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  const taskQueue = `flow-budget-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue, 'Render budget');
    ({ env, db, admin } = flowEnv);
  }, 120_000);
  afterAll(async () => {
    await flowEnv?.teardown();
  });

  const storeSnippet = (name: string, body: string) =>
    db.query(
      `INSERT INTO template_snippets (tenant_id, name, body) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, name) DO UPDATE SET body = EXCLUDED.body`,
      [admin.tenantId, name, body],
    );

  it('fails a send_email step non-retryably when stored snippets make a snippet bomb', async () => {
    await storeSnippet('bomb', 'harmless');
    const definition = flowOf(
      [{ id: 'mail', type: 'send_email', settings: { subject: 'Hi', body: '<p>{{> bomb}}</p>' } }],
      [['start', 'mail']],
    );
    const flow = await publishedFlow(db, admin, definition);
    // Changed behind the save checks, as data saved before the limits existed: thirty levels, each
    // including the next twice (2^30 inclusions if nothing stopped the render).
    await storeSnippet('bomb', '{{> bomb1}}{{> bomb1}}');
    for (let k = 1; k < 30; k++) await storeSnippet(`bomb${k}`, `{{> bomb${k + 1}}}{{> bomb${k + 1}}}`);
    await storeSnippet('bomb30', 'x'.repeat(100));

    const contactId = await newContact(db, admin, { email: `${randomUUID()}@example.com` });
    const input: FlowRunInput = {
      tenantId: admin.tenantId,
      flowId: flow.flowId,
      flowVersion: flow.version,
      flowName: 'Budget',
      contactId,
      enrollmentId: randomUUID(),
      definition: flow.definition,
      testMode: false,
      startedAt: new Date().toISOString(),
    };
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue,
      workflowId: `flow-budget-${input.enrollmentId}`,
      args: [input],
    });
    let status = '';
    for (let i = 0; i < 60 && status !== 'failed'; i++) {
      status = (await handle.query(currentNodeQuery)).status;
      if (status !== 'failed') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe('failed');
    const run = await getRun(db, admin.tenantId, input.enrollmentId);
    expect(run.steps[0]).toMatchObject({ nodeId: 'mail', status: 'failed' });
    expect(run.steps[0]?.error).toContain(`snippets may include snippets at most ${LIMITS.maxSnippetDepth} deep`);
    // Non-retryable: the activity ran once, its failure final.
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? []).flatMap((event) =>
      event.activityTaskStartedEventAttributes ? [event.activityTaskStartedEventAttributes.attempt] : [],
    );
    expect(attempts).toEqual([1]);
    const failure = (history.events ?? []).find((event) => event.activityTaskFailedEventAttributes)
      ?.activityTaskFailedEventAttributes?.failure;
    expect(failure?.applicationFailureInfo).toMatchObject({ nonRetryable: true });
    await handle.terminate('test over');
  });
});
