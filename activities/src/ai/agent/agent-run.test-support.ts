import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sideEffectKey, type AgentToolCallTrace, type Approval, type Principal } from '@cadenza/core';
import { decideApproval, getRun, listApprovals, type DataSource } from '@cadenza/data';
import { agentApprovalSignal } from '@cadenza/contracts';
import { flowOf, publishedFlow } from '@cadenza/test-harness/flow-fixtures';

/** Starts a one-step flow (an ai_agent with these settings) for a contact on the time-skipping server. */
export async function startAgentRun(
  ctx: { env: TestWorkflowEnvironment; db: DataSource; taskQueue: string },
  principal: Principal,
  contactId: string,
  settings: Record<string, unknown>,
  options: { testMode?: boolean } = {},
) {
  const flow = await publishedFlow(
    ctx.db,
    principal,
    flowOf([{ id: 'agent', type: 'ai_agent', settings }], [['start', 'agent']]),
  );
  const enrollmentId = randomUUID();
  const handle = await ctx.env.client.workflow.start('flowRunWorkflow', {
    taskQueue: ctx.taskQueue,
    workflowId: `agent-tools-${enrollmentId}`,
    args: [
      {
        tenantId: principal.tenantId,
        flowId: flow.flowId,
        flowVersion: flow.version,
        flowName: 'Agent tools',
        contactId,
        enrollmentId,
        definition: flow.definition,
        testMode: options.testMode ?? false,
        startedAt: new Date().toISOString(),
      },
    ],
  });
  return { handle, enrollmentId, flowId: flow.flowId, key: sideEffectKey(enrollmentId, 'agent', 1) };
}

/** The run's next pending approval that `accept` takes (polled: the chain runs in an activity meanwhile). */
export async function pendingApprovalOf(
  db: DataSource,
  tenantId: string,
  enrollmentId: string,
  accept: (approval: Approval) => boolean = () => true,
): Promise<Approval> {
  for (let i = 0; i < 900; i++) {
    const page = await listApprovals(db, tenantId, { status: 'pending', limit: 200 });
    const found = page.items.find((item) => item.enrollmentId === enrollmentId && accept(item));
    if (found) return found;
    const run = await getRun(db, tenantId, enrollmentId).catch(() => null);
    if (run?.status === 'failed') throw new Error(`run failed: ${run.steps.at(-1)?.error}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no pending approval for run ${enrollmentId}`);
}

/** A person decides in the inbox, and the waiting run is told (what the approvals API does). */
export async function decide(
  db: DataSource,
  principal: Principal,
  handle: WorkflowHandle,
  approval: Approval,
  decision: { action: 'approve' } | { action: 'reject'; reason?: string },
) {
  await decideApproval(db, { ...principal, role: 'marketer' }, approval.id, decision, (decided) =>
    handle.signal(agentApprovalSignal, { key: decided.key, decision, decidedBy: { kind: 'api_key', id: null } }),
  );
}

/** The agent step's trace and outcome, from the run's projection (what the API and the run panel read). */
export async function agentStepOf(db: DataSource, tenantId: string, enrollmentId: string) {
  const run = await getRun(db, tenantId, enrollmentId);
  const step = run.steps.find((candidate) => candidate.nodeId === 'agent')!;
  const result = step.result as {
    toolCalls: AgentToolCallTrace[];
    toolOutcome: string | null;
    research: string | null;
  };
  return { step, ...result };
}

export async function tasksOf(db: DataSource, tenantId: string, contactId: string) {
  return (await db.query(`SELECT id, title FROM tasks WHERE tenant_id = $1 AND contact_id = $2`, [
    tenantId,
    contactId,
  ])) as Array<{ id: string; title: string }>;
}
