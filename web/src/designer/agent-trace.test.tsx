import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AgentTrace } from './agent-trace';
import { agentTraceOf } from './agent-trace-model';

afterEach(cleanup);

describe('the agent trace in the run panel', () => {
  it('shows the count and outcome, and each call once expanded', () => {
    const trace = agentTraceOf({
      toolOutcome: 'finished',
      toolCalls: [
        { index: 0, tool: 'crm_lookup', input: {}, output: { contact: null }, durationMs: 3, chosenBy: 'plan' },
        {
          index: 1,
          tool: 'create_task',
          input: { title: 'Call Grace' },
          output: { taskId: 't1' },
          durationMs: 9,
          chosenBy: 'plan',
        },
      ],
    })!;
    render(<AgentTrace trace={trace} />);
    const toggle = screen.getByRole('button', { name: /2 tool calls · the agent was done/ });
    expect(screen.queryByRole('list', { name: 'agent tool calls' })).toBeNull();
    fireEvent.click(toggle);
    const list = screen.getByRole('list', { name: 'agent tool calls' });
    expect(list.textContent).toContain('1. CRM lookup · 3 ms · planned');
    expect(list.textContent).toContain('2. Create task · 9 ms · planned');
    expect(list.textContent).toContain('in: {"title":"Call Grace"}');
    expect(list.textContent).toContain('out: {"taskId":"t1"}');
  });
});
