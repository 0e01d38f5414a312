import type { LlmUsage } from '@cadenza/core';
import { managerOf, type Db } from '../crm/crm-write';

/** One graph node an agent activity ran: which attempt ran it, and what its model call cost. */
export interface AgentStepRecord {
  node: string;
  attempt: number;
  usage: LlmUsage | null;
  createdAt: string;
}

/** Appends a node run to the trace of an agent thread (written after the node's work, before its checkpoint). */
export async function recordAgentStep(
  db: Db,
  step: { tenantId: string; threadId: string; node: string; attempt: number; usage: LlmUsage | null },
): Promise<void> {
  await managerOf(db).query(
    `INSERT INTO ai_agent_steps (tenant_id, thread_id, node, attempt, usage) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [step.tenantId, step.threadId, step.node, step.attempt, step.usage ? JSON.stringify(step.usage) : null],
  );
}

/** The trace of one agent thread, oldest first. */
export async function listAgentSteps(db: Db, tenantId: string, threadId: string): Promise<AgentStepRecord[]> {
  const rows = (await managerOf(db).query(
    `SELECT node, attempt, usage, created_at FROM ai_agent_steps WHERE tenant_id = $1 AND thread_id = $2 ORDER BY id`,
    [tenantId, threadId],
  )) as Array<{ node: string; attempt: number; usage: LlmUsage | null; created_at: Date }>;
  return rows.map((row) => ({
    node: row.node,
    attempt: row.attempt,
    usage: row.usage,
    createdAt: row.created_at.toISOString(),
  }));
}
