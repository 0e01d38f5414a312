import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { triggerDispatcherWorkflowId } from '@cadenza/core';
import { AGENT_CHECKPOINT_SCHEMA } from '@cadenza/data';
import { demoUsers } from './demo-data';
import { DEMO_TENANT_ID } from './seed-demo';

/**
 * Removes the demo workspace: stops its open workflows first (so no run writes into a
 * tenant that is going away), then deletes the tenant, which cascades to every row of it,
 * the agent chains' checkpoints, and the demo accounts no other workspace uses.
 */
export async function deleteDemoWorkspace(
  db: DataSource,
  temporal: Client,
  options: { tenantId?: string; userTag?: string } = {},
): Promise<{ terminated: number }> {
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  let terminated = 0;
  const open = temporal.workflow.list({ query: `TenantId = "${tenantId}" AND ExecutionStatus = "Running"` });
  for await (const execution of open) {
    await temporal.workflow
      .getHandle(execution.workflowId, execution.runId)
      .terminate('demo workspace reset')
      .then(() => terminated++)
      .catch(() => undefined); // it ended meanwhile
  }
  await temporal.workflow
    .getHandle(triggerDispatcherWorkflowId(tenantId))
    .terminate('demo workspace reset')
    .catch(() => undefined); // never started for the demo
  await db.transaction(async (manager) => {
    // The agent chains' checkpoints live outside the tenant's tables (LangGraph's schema), by thread.
    for (const table of ['checkpoint_writes', 'checkpoint_blobs', 'checkpoints']) {
      await manager.query(
        `DELETE FROM "${AGENT_CHECKPOINT_SCHEMA}".${table}
          WHERE thread_id IN (SELECT thread_id FROM ai_agent_steps WHERE tenant_id = $1)`,
        [tenantId],
      );
    }
    await manager.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
    await manager.query(
      `DELETE FROM users u WHERE u.email = ANY($1) AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)`,
      [demoUsers(options.userTag).map((user) => user.email)],
    );
  });
  return { terminated };
}
