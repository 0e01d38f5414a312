import type { Principal } from '@cadenza/core';
import { auditContextOf, recordAudit, type DataSource } from '@cadenza/data';

/**
 * Records a flow's publish, pause, resume or archive. Written after the change commits (the
 * change goes through the trigger sync, which owns its own transaction), so an entry is
 * never written for a change that did not happen.
 */
export async function auditFlow(
  db: DataSource,
  principal: Principal,
  action: 'publish' | 'pause' | 'resume' | 'archive',
  flowId: string,
  after: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, auditContextOf(principal), { action, entity: 'flow', entityId: flowId, before: null, after });
}
