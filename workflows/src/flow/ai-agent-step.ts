import { condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  AGENT_TOOLS,
  addDuration,
  agentOutputAfter,
  type Actor,
  type AgentApprovalSignal,
  type AgentDecision,
  type NodeOfType,
  type StepNode,
} from '@cadenza/core';
import type { Activities } from '@cadenza/activities';
import { agentApprovalSignal } from '@cadenza/contracts';
import type { RunControls } from './run-controls';
import type { StepContext, StepOutcome } from './step-handlers';

/**
 * Agent chains call models for minutes, so a crashed worker is noticed through the heartbeat
 * (the activity beats every few seconds) rather than the long start-to-close timeout; the retry
 * resumes the chain from its last LangGraph checkpoint.
 */
const agentActivities = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

// Decisions by step key, one inbox per run (keyed by the run's controls, which each execution makes anew).
const inboxes = new WeakMap<RunControls, Map<string, AgentApprovalSignal>>();

function approvalInbox(controls: RunControls): Map<string, AgentApprovalSignal> {
  let inbox = inboxes.get(controls);
  if (!inbox) {
    const created = new Map<string, AgentApprovalSignal>();
    // Signals sent before this first agent step are buffered by Temporal and delivered here.
    setHandler(agentApprovalSignal, (signal) => {
      // The first decision for a step stands; the API refuses a second one anyway.
      if (!created.has(signal.key)) created.set(signal.key, signal);
    });
    inboxes.set(controls, created);
    inbox = created;
  }
  return inbox;
}

/**
 * With tools, one agent step may wait for several decisions (each tool call that needs approval,
 * then the draft), each under its own approval key, and a resume may answer "waiting again".
 * Runs from before waited once, for the draft, under the step key.
 */
export const AGENT_TOOL_APPROVALS_PATCH = 'ai-agent-tool-approvals';

type AgentResult = Awaited<ReturnType<Activities['flowAiAgent']>>;
/** What every call of the step's agent activities carries. */
type StepBase = Omit<Parameters<Activities['flowAiAgentResume']>[0], 'decision' | 'decidedBy' | 'approvalKey' | 'next'>;

type AgentCall = () => Promise<{ result: unknown; captured: boolean; throttledUntil?: string }>;

/** Calls an agent activity; a send deferred by the mailbox cap waits durably for its slot and calls again. */
async function untilNotDeferred(call: AgentCall, context: StepContext) {
  context.showNode();
  for (;;) {
    const answer = await call();
    if (!answer.throttledUntil) return answer;
    context.controls.skipWaitRequested = false;
    await context.beforeBlocking();
    await condition(
      () => context.controls.stop !== null || context.controls.skipWaitRequested,
      Math.max(1, Date.parse(answer.throttledUntil) - Date.now()),
    );
    context.controls.skipWaitRequested = false;
    if (context.controls.stop) return null;
  }
}

/**
 * ai_agent: the LangGraph chain runs in an activity until it finishes or asks for approval;
 * the run then waits (a durable timer) for a decision signal from the approvals API, and a
 * second activity resumes the chain with it. Leaves by `next` (sent), `rejected` or `timeout`.
 */
export async function aiAgentStep(node: NodeOfType<'ai_agent'> & StepNode, context: StepContext): Promise<StepOutcome> {
  const inbox = approvalInbox(context.controls);
  const { input, key } = context;
  const base = {
    key,
    tenantId: input.tenantId,
    enrollmentId: input.enrollmentId,
    flowId: input.flowId,
    contactId: input.contactId,
    testMode: input.testMode,
    node,
    stepOutputs: context.stepOutputs,
  };
  // The first wait may be for a tool call as well as for the draft: the inbox shows when it times out.
  const asksApproval =
    node.settings.requireApproval || (node.settings.tools ?? []).some((tool) => AGENT_TOOLS[tool].needsApproval);
  const expiresAt = asksApproval
    ? addDuration(new Date(), node.settings.approvalTimeout, { businessDaysOnly: false })
    : null;

  const first = await untilNotDeferred(
    () =>
      agentActivities.flowAiAgent({
        ...base,
        workflowId: workflowInfo().workflowId,
        approvalExpiresAt: expiresAt?.toISOString() ?? null,
      }),
    context,
  );
  if (!first) return { output: null };
  const waiting = (first as AgentResult).awaitingApproval;
  if (!waiting) return { output: 'next', result: first.result, captured: first.captured };
  if (patched(AGENT_TOOL_APPROVALS_PATCH)) return approvalsInTurn(first as AgentResult, expiresAt, base, context);

  await context.beforeBlocking();
  await condition(
    () => inbox.has(key) || context.controls.stop !== null,
    Math.max(0, (expiresAt?.getTime() ?? Date.now()) - Date.now()),
  );
  const signal = inbox.get(key);
  const decision: AgentDecision = signal?.decision ?? {
    action: context.controls.stop ? 'cancelled' : 'timeout',
  };
  const decidedBy: Actor = signal?.decidedBy ?? { kind: 'workflow', id: input.enrollmentId };

  const resumed = await untilNotDeferred(
    () => agentActivities.flowAiAgentResume({ ...base, decision, decidedBy }),
    context,
  );
  if (!resumed) return { output: null };
  const result = { ...(resumed.result as Record<string, unknown>), approvalId: waiting.approvalId };
  return { output: agentOutputAfter(decision), result, captured: resumed.captured };
}

/**
 * Waits for each decision the chain asks for in turn (behind AGENT_TOOL_APPROVALS_PATCH): a
 * tool call (approve runs it, reject or no decision in time skips it) or the draft; each
 * decision resumes the chain, which may ask again. The step leaves by the draft's decision, or
 * by `next` when the last thing decided was a tool call (the draft then needed no approval).
 */
async function approvalsInTurn(
  first: AgentResult,
  firstExpiry: Date | null,
  base: StepBase,
  context: StepContext,
): Promise<StepOutcome> {
  const inbox = approvalInbox(context.controls);
  const timeout = base.node.settings.approvalTimeout;
  const fromNow = () => addDuration(new Date(), timeout, { businessDaysOnly: false });
  let answer = first;
  let expiry = firstExpiry ?? fromNow();
  for (;;) {
    const waiting = answer.awaitingApproval!;
    const key = waiting.key ?? base.key;
    await context.beforeBlocking();
    await condition(() => inbox.has(key) || context.controls.stop !== null, Math.max(0, expiry.getTime() - Date.now()));
    const signal = inbox.get(key);
    const decision: AgentDecision = signal?.decision ?? {
      action: context.controls.stop ? 'cancelled' : 'timeout',
    };
    const decidedBy: Actor = signal?.decidedBy ?? { kind: 'workflow', id: base.enrollmentId };
    expiry = fromNow();
    const next = { workflowId: workflowInfo().workflowId, approvalExpiresAt: expiry.toISOString() };
    const resumed = await untilNotDeferred(
      () => agentActivities.flowAiAgentResume({ ...base, decision, decidedBy, approvalKey: key, next }),
      context,
    );
    if (!resumed) return { output: null };
    if (!(resumed as AgentResult).awaitingApproval) {
      const output = waiting.toolCall ? (decision.action === 'cancelled' ? null : 'next') : agentOutputAfter(decision);
      const result = { ...(resumed.result as Record<string, unknown>), approvalId: waiting.approvalId };
      return { output, result, captured: resumed.captured };
    }
    answer = resumed as AgentResult;
  }
}
