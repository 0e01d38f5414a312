import { requireContact } from '../crm/contacts';
import { crmWrite, queryRows, type Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';

export interface ErasureResult {
  contactId: string;
  removed: { timelineEntries: number; notes: number; messages: number };
  unlinked: { tasks: number; deals: number };
  /** Audit entries of the contact and its notes whose before/after were blanked. */
  redactedAuditEntries: number;
  /** Flow runs still open: the caller signals them to unenroll once this has committed. */
  openRunWorkflowIds: string[];
}

const REDACTED = JSON.stringify({ redacted: 'gdpr erase' });

/**
 * Erases one contact (GDPR right to erasure) in one transaction: its timeline, notes and
 * sent messages are deleted, tasks and deals lose the link, earlier audit entries and
 * events about it lose their personal data, and one audit entry records the erasure itself,
 * with counts only.
 */
export async function eraseContact(db: Db, principal: CrmPrincipal, contactId: string): Promise<ErasureResult> {
  return crmWrite(db, principal, async (write) => {
    const { manager, tenantId } = write;
    await requireContact(manager, principal, contactId, true);
    const ids = [tenantId, contactId];
    const count = async (sql: string) => (await queryRows<unknown>(manager, sql, ids)).length;

    const timelineEntries = await count(
      `DELETE FROM timeline_entries WHERE tenant_id = $1 AND contact_id = $2 RETURNING id`,
    );
    const noteIds = (
      await queryRows<{ id: string }>(
        manager,
        `DELETE FROM notes WHERE tenant_id = $1 AND contact_id = $2 RETURNING id`,
        ids,
      )
    ).map((n) => n.id);
    const tasks = await count(
      `UPDATE tasks SET contact_id = NULL WHERE tenant_id = $1 AND contact_id = $2 RETURNING id`,
    );
    const deals = await count(
      `UPDATE deals SET contact_id = NULL WHERE tenant_id = $1 AND contact_id = $2 RETURNING id`,
    );
    // Messages a flow sent the contact are kept as its runs' side-effect results and step outputs.
    const messages = await count(
      `DELETE FROM flow_side_effects WHERE tenant_id = $1 AND enrollment_id IN
         (SELECT enrollment_id FROM flow_runs WHERE tenant_id = $1 AND contact_id = $2::text) RETURNING key`,
    );
    await manager.query(
      `UPDATE flow_step_runs SET output = NULL, result = NULL WHERE tenant_id = $1 AND enrollment_id IN
         (SELECT enrollment_id FROM flow_runs WHERE tenant_id = $1 AND contact_id = $2::text)`,
      ids,
    );
    const openRuns = (await manager.query(
      `SELECT workflow_id FROM flow_runs WHERE tenant_id = $1 AND contact_id = $2::text AND ended_at IS NULL`,
      ids,
    )) as Array<{ workflow_id: string }>;
    const redactedAuditEntries = (
      await queryRows<{ id: string }>(
        manager,
        `UPDATE audit_log SET
           before = CASE WHEN before IS NULL THEN NULL ELSE $4::jsonb END,
           after = CASE WHEN after IS NULL THEN NULL ELSE $4::jsonb END
         WHERE tenant_id = $1 AND ((entity = 'contact' AND entity_id = $2::text)
           OR (entity = 'note' AND entity_id = ANY($3::text[]))) RETURNING id`,
        [...ids, noteIds, REDACTED],
      )
    ).length;
    await manager.query(
      `UPDATE domain_events SET payload = '{}'::jsonb
       WHERE tenant_id = $1 AND subject = 'contact' AND subject_id = $2::text AND payload <> '{}'::jsonb`,
      ids,
    );
    await manager.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, ids);

    const result: ErasureResult = {
      contactId,
      removed: { timelineEntries, notes: noteIds.length, messages },
      unlinked: { tasks, deals },
      redactedAuditEntries,
      openRunWorkflowIds: openRuns.map((r) => r.workflow_id),
    };
    write.audit(
      'delete',
      'contact',
      contactId,
      { erasure: 'gdpr', removed: result.removed, unlinked: result.unlinked },
      null,
    );
    write.event('contact.deleted', 'contact', contactId, { erased: true });
    return result;
  });
}
