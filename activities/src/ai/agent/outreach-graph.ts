import { Annotation, END, START, StateGraph, interrupt, type BaseCheckpointSaver } from '@langchain/langgraph';
import type {
  AgentDecision,
  AgentDraft,
  AgentToolCallTrace,
  AgentToolName,
  AgentToolOutcome,
  AiLeadScore,
  DraftFacts,
  DraftReview,
  LlmUsage,
} from '@cadenza/core';
import type { ProposedToolCall } from './tools/run-tool-call';
import { toolLoopMove } from './tool-loop-move';

/** What a node's model call cost, named by the node. */
export type NodeUsage = LlmUsage & { node: string };

/**
 * The chain's state, checkpointed after every node: a retried activity starts again from
 * the last completed node with exactly these values, so no finished node runs twice.
 */
export const OutreachState = Annotation.Root({
  research: Annotation<string | null>(),
  score: Annotation<AiLeadScore | null>(),
  draft: Annotation<AgentDraft | null>(),
  /** The quality gate's verdict on the draft and the record facts it was checked against (absent in older threads). */
  check: Annotation<DraftCheck | null>(),
  decision: Annotation<AgentDecision | null>(),
  delivery: Annotation<Record<string, unknown> | null>(),
  usage: Annotation<NodeUsage[]>({ reducer: (kept, added) => kept.concat(added), default: () => [] }),
  /** The agent's trace: every tool call made, in order (absent in older threads). */
  toolCalls: Annotation<AgentToolCallTrace[]>({ reducer: (kept, added) => kept.concat(added), default: () => [] }),
  /** The call chosen and not yet made: checkpointed, so a retry makes the same call under the same key. */
  pendingCall: Annotation<ProposedToolCall | null>(),
  toolOutcome: Annotation<AgentToolOutcome | null>(),
  /** A tool-calling model's closing notes on the contact, used as the research. */
  agentNotes: Annotation<string | null>(),
});
export type OutreachValues = typeof OutreachState.State;

/** The gate's review of a draft, with the facts an edit is checked against again. */
export interface DraftCheck {
  review: DraftReview;
  facts: DraftFacts;
}

/** What the approval interrupt hands to the workflow (and so to the human): a draft, or a tool call to allow. */
export type ApprovalRequest = { draft: AgentDraft } | { toolCall: ProposedToolCall };

/** What the agent proposes next: a call, or nothing (then its closing notes, if a model wrote some). */
export interface NextToolCall {
  call: ProposedToolCall | null;
  notes?: string;
  usage?: LlmUsage;
}

/** The agent's tools as the graph sees them (empty `offered`: the chain runs as it did before tools). */
export interface AgentToolLoop {
  offered: readonly AgentToolName[];
  maxSteps: number;
  next(made: readonly AgentToolCallTrace[]): Promise<NextToolCall>;
  needsApproval(tool: AgentToolName): boolean;
  /** Why the call would be refused (checked before asking a person), or null. */
  refusal(call: ProposedToolCall): Promise<string | null>;
  run(call: ProposedToolCall): Promise<AgentToolCallTrace>;
}

/** The side of each node that talks to the world: CRM reads, the model, the mailer. */
export interface OutreachTools {
  /** Research notes: from what the tools found when the agent called any, otherwise by the model. */
  research(found: {
    toolCalls: readonly AgentToolCallTrace[];
    notes: string | null;
  }): Promise<{ text: string } & LlmUsage>;
  toolLoop: AgentToolLoop;
  score(research: string): Promise<AiLeadScore & LlmUsage>;
  draft(research: string, score: AiLeadScore | null): Promise<{ draft: AgentDraft; check: DraftCheck } & LlmUsage>;
  /** Sends once per step key, whatever the number of calls. */
  send(draft: AgentDraft): Promise<Record<string, unknown>>;
  /** Records that a node ran (and in which activity attempt), after its work and before its checkpoint. */
  trace(node: string, usage: LlmUsage | null): Promise<void>;
  requireApproval: boolean;
}

const usageOf = ({ provider, model, promptVersion, inputTokens, outputTokens, latencyMs }: LlmUsage): LlmUsage => ({
  provider,
  model,
  promptVersion,
  inputTokens,
  outputTokens,
  latencyMs,
});

const sends = (decision: AgentDecision | null) => decision?.action === 'approve' || decision?.action === 'edit';

/** A call a person did not allow: recorded in the trace, not made. */
const SKIPPED: Record<Exclude<AgentDecision['action'], 'approve' | 'edit'>, string> = {
  reject: 'rejected by a person',
  timeout: 'no decision in time',
  cancelled: 'the run stopped',
};

/**
 * choose_tool <-> call_tool (the agent's tools, at most maxSteps calls; a call that needs
 * approval interrupts first) -> research_contact -> score_lead -> draft_email -> await_approval
 * (interrupt) -> send_email, or the end when the draft is not approved. Without tools,
 * choose_tool passes straight on. Node names differ from state keys, as LangGraph requires.
 */
export function buildOutreachGraph(tools: OutreachTools, checkpointer: BaseCheckpointSaver) {
  const loop = tools.toolLoop;
  return (
    new StateGraph(OutreachState)
      .addNode('choose_tool', async (state) => {
        if (loop.offered.length === 0) return { pendingCall: null };
        const made = state.toolCalls ?? [];
        const proposed = await loop.next(made);
        const usage = proposed.usage ? usageOf(proposed.usage) : null;
        if (usage) await tools.trace('choose_tool', usage);
        const move = toolLoopMove(proposed.call, made.length, loop.maxSteps);
        return {
          pendingCall: move.kind === 'call' ? move.call : null,
          toolOutcome: move.kind === 'done' ? move.outcome : null,
          ...(proposed.notes ? { agentNotes: proposed.notes } : {}),
          ...(usage ? { usage: [{ node: 'choose_tool', ...usage }] } : {}),
        };
      })
      .addNode('call_tool', async (state) => {
        const call = state.pendingCall!;
        const notMade = (error: string) => ({
          index: call.index,
          tool: call.tool,
          input: call.input,
          error,
          durationMs: 0,
          chosenBy: call.chosenBy,
        });
        // Nobody is asked to approve a call that would be refused anyway.
        const refusal = loop.needsApproval(call.tool) ? await loop.refusal(call) : null;
        // The node runs again from its start when resumed; interrupt() then returns the decision.
        const decision: AgentDecision | null =
          loop.needsApproval(call.tool) && refusal === null
            ? interrupt<ApprovalRequest, AgentDecision>({ toolCall: call })
            : null;
        const made =
          refusal !== null
            ? notMade(refusal)
            : decision && !sends(decision)
              ? notMade(SKIPPED[decision.action as keyof typeof SKIPPED])
              : await loop.run(call);
        await tools.trace('call_tool', null);
        return {
          toolCalls: [decision ? { ...made, approval: { decision: decision.action } } : made],
          pendingCall: null,
          ...(decision?.action === 'cancelled' ? { toolOutcome: 'stopped' as const } : {}),
        };
      })
      .addNode('research_contact', async (state) => {
        const found = await tools.research({ toolCalls: state.toolCalls ?? [], notes: state.agentNotes ?? null });
        const usage = usageOf(found);
        await tools.trace('research_contact', usage);
        return { research: found.text, usage: [{ node: 'research_contact', ...usage }] };
      })
      .addNode('score_lead', async (state) => {
        const judged = await tools.score(state.research ?? '');
        const usage = usageOf(judged);
        await tools.trace('score_lead', usage);
        return {
          score: { score: judged.score, explanation: judged.explanation },
          usage: [{ node: 'score_lead', ...usage }],
        };
      })
      .addNode('draft_email', async (state) => {
        const written = await tools.draft(state.research ?? '', state.score);
        const usage = usageOf(written);
        await tools.trace('draft_email', usage);
        return { draft: written.draft, check: written.check, usage: [{ node: 'draft_email', ...usage }] };
      })
      .addNode('await_approval', async (state) => {
        // The node runs again from its start when resumed; interrupt() then returns the decision.
        const decision: AgentDecision = tools.requireApproval
          ? interrupt<ApprovalRequest, AgentDecision>({ draft: state.draft! })
          : { action: 'approve' };
        await tools.trace('await_approval', null);
        return { decision };
      })
      .addNode('send_email', async (state) => {
        const decision = state.decision!;
        const draft = decision.action === 'edit' ? decision.draft : state.draft!;
        const delivery = await tools.send(draft);
        await tools.trace('send_email', null);
        return { delivery };
      })
      .addEdge(START, 'choose_tool')
      .addConditionalEdges('choose_tool', (state) => (state.pendingCall ? 'call_tool' : 'research_contact'), [
        'call_tool',
        'research_contact',
      ])
      // A run stopped while a call waited for approval ends here: nothing is drafted for nobody.
      .addConditionalEdges('call_tool', (state) => (state.toolOutcome === 'stopped' ? END : 'choose_tool'), [
        'choose_tool',
        END,
      ])
      .addEdge('research_contact', 'score_lead')
      .addEdge('score_lead', 'draft_email')
      .addEdge('draft_email', 'await_approval')
      .addConditionalEdges('await_approval', (state) => (sends(state.decision) ? 'send_email' : END), [
        'send_email',
        END,
      ])
      .addEdge('send_email', END)
      .compile({ checkpointer })
  );
}

export type OutreachGraph = ReturnType<typeof buildOutreachGraph>;
