import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/activity';
import { AGENT_TOOLS, type Actor, type AgentDecision, type AgentDraft, type ContactSnapshot } from '@cadenza/core';
import type { KnowledgeSearch } from '@cadenza/services/ai';
import { recordPendingApproval, settleApproval } from '@cadenza/data';
import { recordAgentStep } from '@cadenza/data';
import type { ActionInputOf, FlowActionInput, FlowActionResult } from '../../flow/flow-action-input';
import type { FlowCrmPort } from '@cadenza/services/flow';
import { generateText, scoreLead, usageOf, type ChatModelSource } from '../ai-steps';
import { promptVersionOf } from '../ai-prompts';
import { meteredFor } from '../token-meter';
import { advanceChain, type ChainOutcome } from './advance-chain';
import { agentCheckpointer } from './agent-checkpointer';
import { DRAFT_SYSTEM, RESEARCH_SYSTEM, draftPrompt, researchPrompt } from './agent-prompts';
import { buildOutreachGraph, type ApprovalRequest, type OutreachValues } from './outreach-graph';
import type { FlowActionDependencies } from '../../flow/actions/action-tools';
import { researchFromTools } from './research-from-tools';
import { agentToolLoop } from './agent-tool-loop';
import type { ProposedToolCall } from './tools/run-tool-call';
import { toolCallKey } from './tools/tool-call-key';
import { activityContext, withHeartbeat } from './with-heartbeat';
import { modelScoreOf } from '@cadenza/services/scoring';
import { trainedModelScore } from './trained-model-score';
import { draftFactsOf, openingDocument, researchOrFacts } from './draft-composition';
import { chatDraftAttempt, localOpeningAttempt } from './draft-attempts';
import { gatedDraft } from './gated-draft';

/** What the flow engine lends the agent chain. */
export interface AgentActionTools {
  db: DataSource;
  crm: FlowCrmPort;
  chatModel: ChatModelSource;
  render: (text: string, contact: ContactSnapshot, input: FlowActionInput) => string;
  /** Sends a composed email once per step key (the send_email path: suppression, throttle, sink or provider). */
  sendEmail: (input: FlowActionInput, email: { subject: string; text: string }) => Promise<FlowActionResult>;
  /** Starts a run of another flow (the enroll_in_flow tool). */
  enroll: FlowActionDependencies['enroll'];
  /** The knowledge_search tool's search; a worker without it answers the tool "not available". */
  knowledge: KnowledgeSearch | undefined;
}

export type AgentStepInput = ActionInputOf<'ai_agent'> & {
  /** The waiting run, which the approvals API signals. */
  workflowId: string;
  /** When the run stops waiting for a decision (computed by the workflow, shown in the inbox). */
  approvalExpiresAt: string | null;
};
export type AgentResumeInput = ActionInputOf<'ai_agent'> & {
  decision: AgentDecision;
  decidedBy: Actor;
  /** The approval decided (a tool call's); absent: the draft's, keyed by the step (runs from before tools). */
  approvalKey?: string;
  /** Where a further approval of this step goes, should the chain ask again (a tool call, then the draft). */
  next?: Pick<AgentStepInput, 'workflowId' | 'approvalExpiresAt'>;
};

/** What waits for a person: the step's draft, or a tool call the agent wants to make. */
export interface AwaitingApproval {
  approvalId: string;
  /** The approval's signal key: the step key for the draft, the tool-call key for a tool call. */
  key: string;
  draft?: AgentDraft;
  toolCall?: ProposedToolCall;
}

/** The agent step's answer: a FlowActionResult, or something waiting for a human. */
export type AgentStepResult = FlowActionResult & { awaitingApproval?: AwaitingApproval };

const RECENT_ACTIVITY = 10;

/**
 * Who signs the draft: the person the email will come from. The agent sends from the workspace's
 * default mailbox, so its sender name when it has one (an email from Sam's mailbox signed by
 * someone else reads wrong); otherwise (the built-in sender) the contact's owner.
 */
async function senderNameOf(db: DataSource, tenantId: string, contact: ContactSnapshot): Promise<string | null> {
  const [mailbox] = (await db.query(
    `SELECT from_name FROM mailboxes WHERE tenant_id = $1 AND is_default AND owner_user_id IS NULL AND from_name IS NOT NULL`,
    [tenantId],
  )) as Array<{ from_name: string }>;
  if (mailbox) return mailbox.from_name;
  const ownerId = contact.fields.ownerId;
  if (typeof ownerId !== 'string') return null;
  const [row] = (await db.query(
    `SELECT u.name FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.tenant_id = $1 AND u.id = $2`,
    [tenantId, ownerId],
  )) as Array<{ name: string | null }>;
  return row?.name ?? null;
}
const RESEARCH_TOKENS = 80;

/** The send could not happen yet (mailbox cap): the graph stops before `send`, the run waits and calls again. */
class SendDeferred extends Error {
  constructor(readonly until: string) {
    super(`send deferred until ${until}`);
    this.name = 'SendDeferred';
  }
}

/** The generated draft: lengths bounded by the token budget, so the JSON closes before the tokens run out. */
const draftSchemaFor = (maxTokens: number) =>
  z.object({
    subject: z
      .string()
      .min(1)
      .max(80)
      .refine((text) => text.trim().length > 0, 'is blank'),
    body: z
      .string()
      .min(1)
      .max(Math.max(40, maxTokens * 2))
      .refine((text) => text.trim().length > 0, 'is blank'),
  });

async function recentActivity(db: DataSource, tenantId: string, contactId: string): Promise<string[]> {
  const rows = (await db.query(
    `SELECT summary FROM timeline_entries WHERE tenant_id = $1 AND contact_id = $2 ORDER BY occurred_at DESC LIMIT $3`,
    [tenantId, contactId, RECENT_ACTIVITY],
  )) as Array<{ summary: string }>;
  return rows.map((row) => row.summary);
}

/** Research written from the tools' results costs no model call. */
const TOOL_RESEARCH_USAGE = {
  provider: 'tools',
  model: 'none',
  promptVersion: 'tool-results',
  inputTokens: 0,
  outputTokens: 0,
  latencyMs: 0,
} as const;

/** The chain of one step: its graph over this step's tools, on the Postgres checkpointer. */
async function chainOf(input: ActionInputOf<'ai_agent'>, tools: AgentActionTools) {
  const settings = input.node.settings;
  const contact = await tools.crm.loadContactSnapshot(input.tenantId, input.contactId);
  const instructions = tools.render(settings.instructions, contact, input);
  const lead = { ...contact.fields, score: contact.score, engagement: contact.engagement };
  const model = async () => meteredFor(tools.chatModel, tools.db, input.tenantId)(settings.model);
  const attempt = activityContext()?.info.attempt ?? 1;
  const toolLoop = agentToolLoop(input, tools, contact, instructions, model);
  const graph = buildOutreachGraph(
    {
      requireApproval: settings.requireApproval,
      toolLoop,
      async research(tooled) {
        // An agent that used its tools researches from what they returned, not from the raw record.
        const fromTools = researchFromTools(tooled.toolCalls, tooled.notes);
        if (fromTools !== null) return { text: fromTools, ...TOOL_RESEARCH_USAGE };
        const activity = await recentActivity(tools.db, input.tenantId, input.contactId);
        const found = await generateText(await model(), {
          system: RESEARCH_SYSTEM,
          prompt: researchPrompt(lead, activity),
          maxTokens: RESEARCH_TOKENS,
          promptVersion: promptVersionOf(RESEARCH_SYSTEM, researchPrompt({}, [])),
        });
        return { ...found, text: researchOrFacts(found.text, draftFactsOf(contact.fields, instructions, null)).text };
      },
      async score(research) {
        // The tenant's trained model, when it has one, is calibrated on its own outcomes and explained by
        // its features; the LLM judge is the fallback for tenants without one.
        const started = Date.now();
        const byModel = await modelScoreOf(tools.db, input.tenantId, input.contactId);
        if (byModel) return trainedModelScore(byModel, Date.now() - started);
        const {
          raw: _raw,
          attempts: _attempts,
          ...judged
        } = await scoreLead(await model(), instructions, {
          ...lead,
          research,
        });
        return judged;
      },
      async draft(research, score) {
        const choice = await model();
        const facts = draftFactsOf(contact.fields, instructions, await senderNameOf(tools.db, input.tenantId, contact));
        // A base model continues documents and does not follow instructions: it writes one sentence of a
        // fixed template. An instruction-tuned chat model writes the whole draft. Both pass the gate or fall back.
        const local = choice.active.provider === 'local';
        const attempt = local
          ? localOpeningAttempt(choice, facts, instructions)
          : chatDraftAttempt(
              choice,
              draftSchemaFor(settings.draftMaxTokens),
              { system: DRAFT_SYSTEM, user: draftPrompt({ instructions, contact: lead, research, score }) },
              // Room for the JSON around the text.
              settings.draftMaxTokens + 48,
            );
        const gated = await gatedDraft(facts, attempt);
        const total = gated.usage.reduce(
          (sum, call) => ({
            inputTokens: sum.inputTokens + call.inputTokens,
            outputTokens: sum.outputTokens + call.outputTokens,
            latencyMs: sum.latencyMs + call.latencyMs,
          }),
          { inputTokens: 0, outputTokens: 0, latencyMs: 0 },
        );
        const version = local
          ? promptVersionOf(openingDocument(facts, '', 0))
          : promptVersionOf(DRAFT_SYSTEM, settings.instructions);
        return { draft: gated.draft, check: { review: gated.review, facts }, ...usageOf(choice, version, total) };
      },
      async send(draft) {
        const sent = await tools.sendEmail(input, { subject: draft.subject, text: draft.body });
        if (sent.throttledUntil) throw new SendDeferred(sent.throttledUntil);
        return { ...(sent.result as Record<string, unknown>), captured: sent.captured, performed: sent.performed };
      },
      trace: (node, usage) =>
        recordAgentStep(tools.db, { tenantId: input.tenantId, threadId: input.key, node, attempt, usage }),
    },
    await agentCheckpointer(tools.db),
  );
  return graph;
}

/** The step's result: what the chain found and wrote, and what every model call cost. */
function resultOf(values: OutreachValues) {
  const usage = values.usage ?? [];
  return {
    research: values.research ?? null,
    score: values.score ?? null,
    draft: values.draft ?? null,
    decision: values.decision?.action ?? null,
    toolCalls: values.toolCalls ?? [],
    toolOutcome: values.toolOutcome ?? null,
    delivery: values.delivery ?? null,
    usage,
    inputTokens: usage.reduce((sum, call) => sum + call.inputTokens, 0),
    outputTokens: usage.reduce((sum, call) => sum + call.outputTokens, 0),
    latencyMs: usage.reduce((sum, call) => sum + call.latencyMs, 0),
  };
}

async function advance(
  input: ActionInputOf<'ai_agent'>,
  tools: AgentActionTools,
  decision?: AgentDecision,
): Promise<ChainOutcome | { deferredUntil: string }> {
  const graph = await chainOf(input, tools);
  try {
    return await withHeartbeat(() => advanceChain(graph, input.key, decision));
  } catch (error) {
    if (error instanceof SendDeferred) return { deferredUntil: error.until };
    throw error;
  }
}

const finished = (input: ActionInputOf<'ai_agent'>, values: OutreachValues): AgentStepResult => ({
  result: resultOf(values),
  captured: input.testMode && values.delivery !== null && values.delivery !== undefined,
  performed: true,
});

const deferred = (until: string): AgentStepResult => ({
  result: null,
  captured: false,
  performed: false,
  throttledUntil: until,
});

/** Puts what the chain waits for in the approvals inbox (once per approval key) and answers the workflow. */
async function awaiting(
  input: ActionInputOf<'ai_agent'>,
  tools: AgentActionTools,
  request: ApprovalRequest,
  values: OutreachValues,
  where: Pick<AgentStepInput, 'workflowId' | 'approvalExpiresAt'>,
): Promise<AgentStepResult> {
  const forTool = 'toolCall' in request ? request.toolCall : null;
  const draft = 'draft' in request ? request.draft : null;
  const key = forTool ? toolCallKey(input.key, forTool.index) : input.key;
  const approvalId = await recordPendingApproval(tools.db, {
    tenantId: input.tenantId,
    key,
    enrollmentId: input.enrollmentId,
    workflowId: where.workflowId,
    flowId: input.flowId,
    nodeId: input.node.id,
    contactId: input.contactId,
    testMode: input.testMode,
    ...(forTool
      ? {
          // The inbox lists subject and body: a proposed call reads as what it would do.
          draft: {
            subject: `Allow the AI agent to ${AGENT_TOOLS[forTool.tool].label.toLowerCase()}`,
            body: JSON.stringify(forTool.input, null, 2),
          },
          check: null,
          context: { toolCall: { index: forTool.index, tool: forTool.tool, input: forTool.input } },
          timelineSummary: `AI agent asks to ${AGENT_TOOLS[forTool.tool].label.toLowerCase()}`,
        }
      : {
          draft: draft!,
          check: values.check ?? null,
          context: { research: values.research, score: values.score },
        }),
    expiresAt: where.approvalExpiresAt ? new Date(where.approvalExpiresAt) : null,
  });
  return {
    result: { awaitingApproval: true, approvalId, ...resultOf(values) },
    captured: false,
    performed: true,
    awaitingApproval: { approvalId, key, ...(forTool ? { toolCall: forTool } : { draft: draft! }) },
  };
}

/**
 * ai_agent, first part: runs the chain (thread = enrollment + node + visit) until it finishes or
 * waits for approval (a tool call that needs one, or the draft). What waits goes to the approvals
 * inbox, and the workflow waits for a decision.
 */
export async function aiAgentAction(input: AgentStepInput, tools: AgentActionTools): Promise<AgentStepResult> {
  const outcome = await advance(input, tools);
  if ('deferredUntil' in outcome) return deferred(outcome.deferredUntil);
  if (outcome.kind === 'finished') return finished(input, outcome.values);
  return awaiting(input, tools, outcome.request, outcome.values, input);
}

/**
 * ai_agent, second part: resumes the waiting chain with the decision. The approval row is settled
 * first (a timeout, a stopped run, or a decision whose API commit was lost), then an approved draft
 * is sent once, or an approved tool call made once. The chain may then wait again (a tool call,
 * then the draft): that goes to the inbox like the first.
 */
export async function aiAgentResumeAction(input: AgentResumeInput, tools: AgentActionTools): Promise<AgentStepResult> {
  await settleApproval(
    tools.db,
    input.tenantId,
    { key: input.approvalKey ?? input.key },
    input.decision,
    input.decidedBy,
  );
  const outcome = await advance(input, tools, input.decision);
  if ('deferredUntil' in outcome) return deferred(outcome.deferredUntil);
  if (outcome.kind === 'finished') return finished(input, outcome.values);
  // A workflow from before tool approvals gives no place for a second wait, and never needs one.
  if (!input.next)
    throw ApplicationFailure.nonRetryable('the agent chain is still waiting for approval', 'AgentNotResumed');
  return awaiting(input, tools, outcome.request, outcome.values, input.next);
}
