import type { AgentToolName } from '@cadenza/core';

/** What the offline plan builds its calls from: the rendered instructions and the record's plain facts. */
export interface PlanFacts {
  instructions: string;
  name: string;
  title: string | null;
  company: string | null;
}

/** One planned call; `decide` names the part the model chooses when the call is made. */
export interface PlannedCall {
  tool: AgentToolName;
  input: Record<string, unknown>;
  decide?: 'task_priority';
}

const QUERY_CHARS = 300;

/** The knowledge query: what the step is for, about whom, so documents and the contact's notes both match. */
export function knowledgeQueryOf(facts: PlanFacts): string {
  const about = [facts.title, facts.company].filter(Boolean).join(' at ');
  const query = `${facts.instructions.replace(/\s+/g, ' ').trim()}${about ? ` (${about})` : ''}`;
  return query.length > QUERY_CHARS ? query.slice(0, QUERY_CHARS).trimEnd() : query;
}

/**
 * The offline agent's calls. The local model is a 270M base model: it continues documents and
 * cannot follow a chat instruction to choose tools, so the plan is fixed by the step's settings:
 * look the contact up, search the knowledge base with a query built from the instructions and
 * the record, then create the follow-up task (the model chooses only its priority, under a JSON
 * grammar). update_field and enroll_in_flow need a field and value or a target flow chosen from
 * the situation, which this model cannot do reliably: offline they are not planned (they run
 * with OpenAI, whose tool calling chooses them). Offered tools only, in this order.
 */
export function offlineToolPlan(offered: readonly AgentToolName[], facts: PlanFacts): PlannedCall[] {
  const plan: PlannedCall[] = [];
  if (offered.includes('crm_lookup')) plan.push({ tool: 'crm_lookup', input: {} });
  if (offered.includes('knowledge_search'))
    plan.push({ tool: 'knowledge_search', input: { query: knowledgeQueryOf(facts), limit: 5 } });
  if (offered.includes('create_task'))
    plan.push({
      tool: 'create_task',
      input: {
        title: `Follow up with ${facts.name}${facts.company ? ` (${facts.company})` : ''}`.slice(0, 200),
        notes: facts.instructions.slice(0, 2000),
      },
      decide: 'task_priority',
    });
  return plan;
}
