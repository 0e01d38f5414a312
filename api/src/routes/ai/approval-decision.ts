import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  ConflictError,
  type AgentApprovalSignal,
  type AgentDecision,
  type Approval,
  type Principal,
} from '@cadenza/core';
import { actorOf, decideApproval, settleApproval, type DataSource } from '@cadenza/data';
import { agentApprovalSignal } from '@cadenza/contracts';

export type HumanDecision = Extract<AgentDecision, { action: 'approve' | 'edit' | 'reject' }>;

/**
 * A person's decision on an agent draft: written (status, timeline, audit, event) and signalled
 * to the waiting run in one transaction, recorded as `principal`. The approvals API and the demo
 * seed (which approves two drafts as the demo marketer) both decide through here.
 */
export async function decideAndSignal(
  deps: { db: DataSource; temporal: Client },
  principal: Principal,
  id: string,
  decision: HumanDecision,
): Promise<Approval> {
  const decidedBy = actorOf(principal);
  try {
    return await decideApproval(deps.db, principal, id, decision, async (approval) => {
      const signal: AgentApprovalSignal = { key: approval.key, decision, decidedBy };
      await deps.temporal.workflow.getHandle(approval.workflowId).signal(agentApprovalSignal, signal);
    });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    // The run is gone (cancelled or terminated in Temporal): nobody waits for this draft any more.
    await settleApproval(deps.db, principal.tenantId, { id }, { action: 'cancelled' }, decidedBy);
    throw new ConflictError(`the run waiting for approval ${id} has ended; the draft was withdrawn`);
  }
}
