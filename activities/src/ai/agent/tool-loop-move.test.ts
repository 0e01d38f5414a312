import { toolLoopMove } from './tool-loop-move';
import type { ProposedToolCall } from './tools/run-tool-call';

const call = (index: number): ProposedToolCall => ({ index, tool: 'crm_lookup', input: {}, chosenBy: 'model' });

describe('toolLoopMove', () => {
  it('makes the proposed call while under maxSteps', () => {
    expect(toolLoopMove(call(0), 0, 3)).toEqual({ kind: 'call', call: call(0) });
    expect(toolLoopMove(call(2), 2, 3)).toEqual({ kind: 'call', call: call(2) });
  });

  it('stops with max_steps when the agent wants a call past the cap', () => {
    expect(toolLoopMove(call(3), 3, 3)).toEqual({ kind: 'done', outcome: 'max_steps' });
    expect(toolLoopMove(call(1), 1, 1)).toEqual({ kind: 'done', outcome: 'max_steps' });
  });

  it('finishes when the agent proposes nothing, even at the cap', () => {
    expect(toolLoopMove(null, 0, 3)).toEqual({ kind: 'done', outcome: 'finished' });
    expect(toolLoopMove(null, 3, 3)).toEqual({ kind: 'done', outcome: 'finished' });
  });
});
