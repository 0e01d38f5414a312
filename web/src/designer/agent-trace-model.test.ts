import { describe, expect, it } from 'vitest';
import { agentTraceOf } from './agent-trace-model';

describe('agentTraceOf', () => {
  it('lists each tool call with its facts, input and output or error', () => {
    const view = agentTraceOf({
      toolOutcome: 'max_steps',
      toolCalls: [
        {
          index: 0,
          tool: 'crm_lookup',
          input: {},
          output: { contact: { firstName: 'Grace' } },
          durationMs: 4,
          chosenBy: 'plan',
        },
        {
          index: 1,
          tool: 'update_field',
          input: { field: 'leadStatus', value: 'connected' },
          error: 'rejected by a person',
          approval: { decision: 'reject' },
          durationMs: 0,
          chosenBy: 'model',
        },
        {
          index: 2,
          tool: 'create_task',
          input: { title: 'Call' },
          output: { wouldDo: {} },
          captured: true,
          durationMs: 2,
          chosenBy: 'plan',
        },
      ],
    });
    expect(view!.outcome).toBe('stopped at maxSteps');
    expect(view!.rows).toEqual([
      {
        index: 0,
        label: 'CRM lookup',
        facts: ['4 ms', 'planned'],
        input: '{}',
        detail: '{"contact":{"firstName":"Grace"}}',
        failed: false,
      },
      {
        index: 1,
        label: 'Update field',
        facts: ['0 ms', 'chosen by the model', 'reject by a person'],
        input: '{"field":"leadStatus","value":"connected"}',
        detail: 'rejected by a person',
        failed: true,
      },
      {
        index: 2,
        label: 'Create task',
        facts: ['2 ms', 'planned', 'captured (test run)'],
        input: '{"title":"Call"}',
        detail: '{"wouldDo":{}}',
        failed: false,
      },
    ]);
  });

  it('is null for other steps and for agents without tools', () => {
    expect(agentTraceOf(null)).toBeNull();
    expect(agentTraceOf({ tagged: 'x' })).toBeNull();
    expect(agentTraceOf({ toolCalls: [], toolOutcome: null })).toBeNull();
    expect(agentTraceOf({ toolCalls: [], toolOutcome: 'finished' })!.rows).toEqual([]);
  });

  it('cuts a long output', () => {
    const view = agentTraceOf({
      toolOutcome: 'finished',
      toolCalls: [
        {
          index: 0,
          tool: 'knowledge_search',
          input: { query: 'q' },
          output: 'x'.repeat(900),
          durationMs: 1,
          chosenBy: 'plan',
        },
      ],
    });
    expect(view!.rows[0]!.detail.length).toBe(601);
  });
});
