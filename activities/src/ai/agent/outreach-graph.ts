import { Annotation, END, START, StateGraph, interrupt, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { AgentDecision, AgentDraft, AiLeadScore, DraftFacts, DraftReview, LlmUsage } from '@cadenza/core';

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
});
export type OutreachValues = typeof OutreachState.State;

/** The gate's review of a draft, with the facts an edit is checked against again. */
export interface DraftCheck {
  review: DraftReview;
  facts: DraftFacts;
}

/** What the approval interrupt hands to the workflow (and so to the human). */
export interface ApprovalRequest {
  draft: AgentDraft;
}

/** The side of each node that talks to the world: CRM reads, the model, the mailer. */
export interface OutreachTools {
  research(): Promise<{ text: string } & LlmUsage>;
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

/**
 * research_contact -> score_lead -> draft_email -> await_approval (interrupt) -> send_email, or the
 * end when the draft is not approved. Node names differ from state keys, as LangGraph requires.
 */
export function buildOutreachGraph(tools: OutreachTools, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(OutreachState)
    .addNode('research_contact', async () => {
      const found = await tools.research();
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
    .addEdge(START, 'research_contact')
    .addEdge('research_contact', 'score_lead')
    .addEdge('score_lead', 'draft_email')
    .addEdge('draft_email', 'await_approval')
    .addConditionalEdges('await_approval', (state) => (sends(state.decision) ? 'send_email' : END), ['send_email', END])
    .addEdge('send_email', END)
    .compile({ checkpointer });
}

export type OutreachGraph = ReturnType<typeof buildOutreachGraph>;
