/*
 * The tools an ai_agent step may call, as plain data (no zod at run time): the settings schema
 * validates `tools` against these names, the designer offers them, the activities map a module
 * over them (a name without its module fails to compile) and the run panel labels the trace.
 */
export const AGENT_TOOL_NAMES = [
  'crm_lookup',
  'knowledge_search',
  'create_task',
  'update_field',
  'enroll_in_flow',
] as const;
export type AgentToolName = (typeof AGENT_TOOL_NAMES)[number];

export interface AgentToolFacts {
  label: string;
  /** Changes something (a task, a field, an enrollment): keyed for exactly-once, captured in test runs. */
  sideEffects: boolean;
  /** A person approves the proposed call in the approvals inbox before it runs (reject skips it). */
  needsApproval: boolean;
}

export const AGENT_TOOLS: { readonly [N in AgentToolName]: AgentToolFacts } = {
  crm_lookup: { label: 'CRM lookup', sideEffects: false, needsApproval: false },
  knowledge_search: { label: 'Knowledge search', sideEffects: false, needsApproval: false },
  create_task: { label: 'Create task', sideEffects: true, needsApproval: false },
  update_field: { label: 'Update field', sideEffects: true, needsApproval: true },
  enroll_in_flow: { label: 'Enroll in flow', sideEffects: true, needsApproval: true },
};

export const isAgentToolName = (name: string): name is AgentToolName =>
  (AGENT_TOOL_NAMES as readonly string[]).includes(name);

/** One tool call as the run records it: the agent's trace, shown under the step in the run panel. */
export interface AgentToolCallTrace {
  /** 0-based position among the step's tool calls (part of its idempotency key). */
  index: number;
  tool: AgentToolName;
  input: Record<string, unknown>;
  output?: unknown;
  /** Why the call failed or did not run (bad input, refused by a person). */
  error?: string;
  /** A test run recorded what the call would do instead of doing it. */
  captured?: boolean;
  /** The person's decision on a call that needed approval (approve runs it; reject or no decision skips it). */
  approval?: { decision: string };
  durationMs: number;
  /** Who chose the call: the model (tool calling) or the step's plan (the offline agent). */
  chosenBy: 'model' | 'plan';
}

/** Why the agent stopped calling tools: it was done, or it reached `maxSteps`. */
export type AgentToolOutcome = 'finished' | 'max_steps' | 'stopped';
