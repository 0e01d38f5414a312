import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type FlowDefinition, type FlowDefinitionInput, type Principal } from '@cadenza/core';
import { getRun, type DataSource } from '@cadenza/data';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import type { FlowRunInput } from '@cadenza/contracts';
import { currentNodeQuery } from '@cadenza/contracts';

/**
 * The http_request step through the egress guard and with safe bodies and headers, on the
 * real interpreter, activities and PostgreSQL. Webhook doubles are local servers that record
 * every TCP connection, so "refused before connecting" is observed, not assumed.
 */
describe('http_request step (egress guard, body and header safety)', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  let server: Server;
  let port: number;
  let connections = 0;
  const bodies: string[] = [];
  const headers: Array<Record<string, unknown>> = [];
  const taskQueue = `flow-http-${randomUUID()}`;

  beforeAll(async () => {
    flowEnv = await startTimeSkippingFlowEnv(taskQueue);
    ({ env, db, admin } = flowEnv);
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        bodies.push(body);
        headers.push(req.headers);
        res.writeHead(200).end('ok');
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }, 120_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await flowEnv?.teardown();
  });

  async function start(
    definition: FlowDefinitionInput,
    contact: Record<string, unknown>,
    tamper: (definition: FlowDefinition) => void = () => undefined,
  ) {
    const contactId = await newContact(db, admin, { email: `${randomUUID()}@example.com`, ...contact });
    const flow = await publishedFlow(db, admin, definition);
    // A definition stored before the save-time checks existed reaches the worker unchecked.
    tamper(flow.definition);
    const input: FlowRunInput = {
      tenantId: admin.tenantId,
      flowId: flow.flowId,
      flowVersion: flow.version,
      flowName: 'HTTP flow',
      contactId,
      enrollmentId: randomUUID(),
      definition: flow.definition,
      testMode: false,
      startedAt: new Date().toISOString(),
    };
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue,
      workflowId: `flow-http-${input.enrollmentId}`,
      args: [input],
    });
    return { handle, input };
  }

  async function failedStep(handle: WorkflowHandle, enrollmentId: string) {
    for (let i = 0; i < 60; i++) {
      const current = await handle.query(currentNodeQuery);
      if (current.status === 'failed') return (await getRun(db, admin.tenantId, enrollmentId)).steps[0];
      await env.sleep(1000);
    }
    throw new Error('the run never failed');
  }

  const hook = (settings: Record<string, unknown>) =>
    flowOf([{ id: 'hook', type: 'http_request', settings: { method: 'POST', ...settings } }], [['start', 'hook']]);

  it('refuses a target that resolves to loopback at run time, before any connection, naming the rule', async () => {
    const before = connections;
    // The host comes from contact data, so only the runtime guard can judge it.
    const { handle, input } = await start(hook({ url: 'http://{{contact.source}}/metrics', body: '{}' }), {
      source: `2130706433:${port}`,
    });
    const step = await failedStep(handle, input.enrollmentId);
    expect(step).toMatchObject({
      nodeId: 'hook',
      status: 'failed',
      error: expect.stringContaining('egress refused: 127.0.0.1 is a loopback address'),
    });
    expect(connections).toBe(before);
  });

  it('keeps contact data inside its JSON string: no injected keys', async () => {
    allowEgressTo(port);
    const name = 'x","role":"admin","y":"';
    const { handle } = await start(
      hook({
        url: `http://127.0.0.1:${port}/users`,
        headers: { 'content-type': 'application/json' },
        body: '{"name":"{{contact.firstName}}","role":"user"}',
      }),
      { firstName: name },
    );
    await handle.result();
    expect(JSON.parse(bodies.at(-1) ?? '')).toEqual({ name, role: 'user' });
  });

  it('refuses a header with a line break at run time without sending', async () => {
    allowEgressTo(port);
    const before = connections;
    const { handle, input } = await start(
      hook({ url: `http://127.0.0.1:${port}/h`, headers: { 'x-note': 'ok' }, body: '{}' }),
      {},
      (definition) => {
        const node = definition.nodes.find((candidate) => candidate.id === 'hook');
        if (node?.type === 'http_request') node.settings.headers['x-note'] = 'a\r\nx-role: admin';
      },
    );
    const step = await failedStep(handle, input.enrollmentId);
    expect(step?.error).toContain('header "x-note" contains a line break');
    expect(connections).toBe(before);
  });
});
