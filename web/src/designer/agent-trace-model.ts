import { AGENT_TOOLS, isAgentToolName, type AgentToolCallTrace } from '@cadenza/core';

/** One tool call as the run panel lists it. */
export interface TraceRow {
  index: number;
  label: string;
  /** "12 ms · chosen by the model", "captured (test run)", "approved by a person". */
  facts: string[];
  input: string;
  /** The output, or the error when the call failed or was skipped. */
  detail: string;
  failed: boolean;
}

export interface AgentTraceView {
  rows: TraceRow[];
  /** Why the agent stopped calling tools, in words; null from steps before tools. */
  outcome: string | null;
}

const OUTCOMES: Record<string, string> = {
  finished: 'the agent was done',
  max_steps: 'stopped at maxSteps',
  stopped: 'the run stopped',
};

const DETAIL_CHARS = 600;

const json = (value: unknown) => {
  const text = JSON.stringify(value ?? null);
  return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS)}…` : text;
};

/** The agent's trace in an ai_agent step's result, or null when the step has none (another kind, or no tools). */
export function agentTraceOf(result: unknown): AgentTraceView | null {
  if (!result || typeof result !== 'object') return null;
  const { toolCalls, toolOutcome } = result as { toolCalls?: unknown; toolOutcome?: unknown };
  if (!Array.isArray(toolCalls) || (toolCalls.length === 0 && !toolOutcome)) return null;
  const rows = (toolCalls as AgentToolCallTrace[]).map((call) => {
    const facts = [`${call.durationMs} ms`, call.chosenBy === 'model' ? 'chosen by the model' : 'planned'];
    if (call.captured) facts.push('captured (test run)');
    if (call.approval) facts.push(`${call.approval.decision} by a person`);
    return {
      index: call.index,
      label: isAgentToolName(call.tool) ? AGENT_TOOLS[call.tool].label : String(call.tool),
      facts,
      input: json(call.input),
      detail: call.error ?? json(call.output),
      failed: call.error !== undefined,
    };
  });
  return { rows, outcome: typeof toolOutcome === 'string' ? (OUTCOMES[toolOutcome] ?? toolOutcome) : null };
}
