import { z } from 'zod';
import { AGENT_TOOL_NAMES, AGENT_TOOLS } from '@cadenza/core';
import type { AgentToolContext } from './agent-tool';
import { AGENT_TOOL_MODULES, offeredTools } from './tool-registry';
import { runToolCall } from './run-tool-call';

/** Refused input never reaches the database: a context without one proves it. */
const noServices = {
  db: undefined,
  crm: undefined,
  knowledge: undefined,
  enroll: undefined,
  tenantId: 't',
  contactId: 'c',
  enrollmentId: 'e',
  flowId: 'f',
  actor: { kind: 'workflow', id: 'e' },
} as unknown as AgentToolContext;

describe('the agent tool registry', () => {
  it('has one module per tool name, named after it, reading or changing as the facts say', () => {
    for (const name of AGENT_TOOL_NAMES) {
      const tool = AGENT_TOOL_MODULES[name];
      expect(tool.name).toBe(name);
      expect(tool.kind === 'effect').toBe(AGENT_TOOLS[name].sideEffects);
      expect(tool.description.length).toBeGreaterThan(20);
    }
  });

  it('describes every argument, so the model reads what each one means', () => {
    for (const name of AGENT_TOOL_NAMES) {
      const schema = z.toJSONSchema(AGENT_TOOL_MODULES[name].input) as {
        properties?: Record<string, { description?: string }>;
      };
      for (const [argument, property] of Object.entries(schema.properties ?? {}))
        expect(`${name}.${argument}: ${property.description ?? ''}`).toMatch(/: \S/);
    }
  });

  it('offers only the listed tools, once each, in their order', () => {
    expect(offeredTools(['create_task', 'crm_lookup', 'create_task']).map((tool) => tool.name)).toEqual([
      'create_task',
      'crm_lookup',
    ]);
    expect(offeredTools([])).toEqual([]);
  });
});

describe('runToolCall with bad arguments', () => {
  const run = { stepKey: 'run:agent:1', testMode: false, context: noServices };

  it('records why the input was refused, and touches nothing', async () => {
    const trace = await runToolCall(
      { index: 2, tool: 'create_task', input: { title: '', priority: 'urgent' }, chosenBy: 'model' },
      run,
    );
    expect(trace).toMatchObject({ index: 2, tool: 'create_task', chosenBy: 'model' });
    expect(trace.output).toBeUndefined();
    expect(trace.error).toMatch(/^invalid input: .*title/);
    expect(trace.error).toMatch(/priority/);
  });

  it('refuses a field name that is not a field path, and a flow id that is not an id', async () => {
    const field = await runToolCall(
      { index: 0, tool: 'update_field', input: { field: 'name; DROP TABLE', value: 'x' }, chosenBy: 'model' },
      run,
    );
    expect(field.error).toMatch(/must be a field name/);
    const flow = await runToolCall(
      { index: 1, tool: 'enroll_in_flow', input: { flowId: 'nope' }, chosenBy: 'model' },
      run,
    );
    expect(flow.error).toMatch(/^invalid input: .*flowId/);
  });

  it('tells the agent when knowledge search is not wired', async () => {
    const trace = await runToolCall(
      { index: 0, tool: 'knowledge_search', input: { query: 'pricing' }, chosenBy: 'plan' },
      run,
    );
    expect(trace.error).toBe('knowledge search is not available in this worker');
  });
});
