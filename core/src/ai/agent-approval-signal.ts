import type { AgentDecision } from './agent-approval';

/*
 * What flow-run workflow code needs of agent approvals, in a module without schemas: the
 * workflow bundle evaluates every module it reaches once per workflow execution, and
 * agent-approval.ts would make each run build zod and its schemas.
 */

/** The flow output an agent step leaves by after a decision: sent drafts go on, the others take their own handle. */
export const agentOutputAfter = (decision: AgentDecision): 'next' | 'rejected' | 'timeout' | null =>
  (({ approve: 'next', edit: 'next', reject: 'rejected', timeout: 'timeout', cancelled: null }) as const)[
    decision.action
  ];
