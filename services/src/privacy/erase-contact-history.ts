import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { crmWrite, type CrmPrincipal, type DataSource } from '@cadenza/data';
import type { PayloadKeyRing } from './payload-key-ring';

export interface ContactHistoryErasure {
  /** Open runs of the contact, terminated before their keys were destroyed. */
  endedRuns: number;
  /** Data keys destroyed: every payload they encrypted in Temporal is unreadable from now on. */
  shreddedPayloadKeys: number;
}

/**
 * The part of a GDPR erase that reaches Temporal: the contact's open runs are ended first (so no
 * run writes new payloads for it), then its data keys are destroyed (crypto-shredding), which makes
 * every payload of every run it ever had unreadable in Temporal, its backups and the UI at once.
 * Runs of other contacts keep their own keys and replay as before. Audited with ids and counts.
 */
export async function eraseContactHistory(
  deps: { db: DataSource; temporal: Client; payloadKeys: PayloadKeyRing },
  principal: CrmPrincipal,
  contactId: string,
  openRunWorkflowIds: readonly string[],
): Promise<ContactHistoryErasure> {
  let endedRuns = 0;
  for (const workflowId of openRunWorkflowIds) {
    try {
      // Terminate, not unenroll: the run must not need its (soon unreadable) history to stop.
      await deps.temporal.workflow.getHandle(workflowId).terminate('gdpr erase');
      endedRuns += 1;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error; // it had ended on its own
    }
  }
  await deps.db.query(
    `UPDATE flow_runs SET status = 'unenrolled', exit_reason = 'gdpr erase', ended_at = now()
     WHERE tenant_id = $1 AND workflow_id = ANY($2::text[]) AND ended_at IS NULL`,
    [principal.tenantId, openRunWorkflowIds],
  );
  const shredded = await deps.payloadKeys.shredContact(principal.tenantId, contactId);
  await crmWrite(deps.db, principal, async (write) => {
    write.audit('delete', 'payload_key', contactId, { payloadKeyIds: shredded, endedRuns }, null);
  });
  return { endedRuns, shreddedPayloadKeys: shredded.length };
}
