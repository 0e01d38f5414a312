import { z } from 'zod';
import { UserError, type AgentToolCallTrace, type AgentToolName } from '@cadenza/core';
import { once, onceInDatabase } from '@cadenza/data';
import { AgentToolInputError, type AgentToolContext } from './agent-tool';
import { AGENT_TOOL_MODULES } from './tool-registry';
import { toolCallKey } from './tool-call-key';

/** One call the agent wants to make (the model's choice or the plan's). */
export interface ProposedToolCall {
  index: number;
  tool: AgentToolName;
  input: Record<string, unknown>;
  chosenBy: AgentToolCallTrace['chosenBy'];
  /** The model's id for the call, to answer it with the result (tool calling). */
  callId?: string;
}

export interface ToolCallRun {
  stepKey: string;
  testMode: boolean;
  context: AgentToolContext;
}

/** A refusal the agent should read (bad arguments, a refused value), not a failure to retry. */
const refusalOf = (error: unknown): string | null => {
  if (error instanceof AgentToolInputError || error instanceof UserError) return error.message;
  if (error instanceof z.ZodError) return `invalid input: ${z.prettifyError(error).replace(/\n/g, '; ')}`;
  return null;
};

/**
 * Why a call would be refused (bad arguments, a field or flow that does not exist), or null:
 * asked before a person is asked to approve it, so nobody approves a call that cannot run.
 */
export async function callRefusal(call: ProposedToolCall, run: ToolCallRun): Promise<string | null> {
  const tool = AGENT_TOOL_MODULES[call.tool];
  try {
    const args = tool.input.parse(call.input);
    if (tool.kind === 'effect') await tool.check(args, run.context);
    return null;
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === null) throw error;
    return refusal;
  }
}

/**
 * Runs one tool call and says what happened, for the trace. The input is checked against the
 * tool's schema; a read runs; an effect runs at most once per tool-call key (a test run records
 * what it would do instead). A refusal is the call's result (the agent reads it and goes on);
 * any other error (the database down) is thrown, so the activity is retried.
 */
export async function runToolCall(call: ProposedToolCall, run: ToolCallRun): Promise<AgentToolCallTrace> {
  const started = Date.now();
  const tool = AGENT_TOOL_MODULES[call.tool];
  const trace = (rest: Pick<AgentToolCallTrace, 'output' | 'error' | 'captured'>): AgentToolCallTrace => ({
    index: call.index,
    tool: call.tool,
    input: call.input,
    ...rest,
    durationMs: Date.now() - started,
    chosenBy: call.chosenBy,
  });
  try {
    const args = tool.input.parse(call.input);
    if (tool.kind === 'read') return trace({ output: await tool.read(args, run.context) });
    await tool.check(args, run.context);
    const claim = {
      key: toolCallKey(run.stepKey, call.index),
      tenantId: run.context.tenantId,
      enrollmentId: run.context.enrollmentId,
      nodeType: `ai_agent:${call.tool}`,
    };
    const keyed = tool.inDatabase ? onceInDatabase : once;
    const record = run.testMode
      ? await keyed(run.context.db, { ...claim, captured: true }, async () => ({
          wouldDo: tool.preview(args, run.context),
        }))
      : await keyed(run.context.db, { ...claim, captured: false }, (manager) =>
          tool.perform(manager, args, run.context),
        );
    return trace({ output: record.result, ...(record.captured ? { captured: true } : {}) });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === null) throw error;
    return trace({ error: refusal });
  }
}
