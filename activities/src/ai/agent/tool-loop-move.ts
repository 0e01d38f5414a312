import type { AgentToolOutcome } from '@cadenza/core';
import type { ProposedToolCall } from './tools/run-tool-call';

export type ToolLoopMove =
  | { kind: 'call'; call: ProposedToolCall }
  | { kind: 'done'; outcome: Extract<AgentToolOutcome, 'finished' | 'max_steps'> };

/**
 * What the loop does with the agent's proposal: `maxSteps` caps the tool calls, so a proposal
 * past the cap is not made and the loop ends with `max_steps` (a confused agent stops); no
 * proposal means the agent is done.
 */
export function toolLoopMove(proposed: ProposedToolCall | null, callsMade: number, maxSteps: number): ToolLoopMove {
  if (!proposed) return { kind: 'done', outcome: 'finished' };
  if (callsMade >= maxSteps) return { kind: 'done', outcome: 'max_steps' };
  return { kind: 'call', call: proposed };
}
