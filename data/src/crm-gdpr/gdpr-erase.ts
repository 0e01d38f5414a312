import { requireContact } from '../crm/contacts';
import { crmWrite, queryRows, type Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';
import { eraseAgentState } from './erase-agent-state';
import { eraseDeliveryRecords } from './erase-delivery-records';
import { eraseImportRows } from './erase-import-rows';
import { REDACTED_JSON, type ErasureSubject } from './erasure-subject';
import { identifiersOf } from './identifier-scrub';
import { scrubLinkedRecords } from './scrub-linked-records';
import { eraseContactVectors } from '../knowledge/knowledge-vectors';

export interface ErasureResult {
  contactId: string;
  removed: {
    timelineEntries: number;
    notes: number;
    /** Side-effect results of the contact's runs (what each send, task or AI step returned). */
    messages: number;
    /** AI drafts with their research, from the approvals inbox. */
    approvals: number;
    /** LangGraph checkpoint rows of the contact's agent chains. */
    agentCheckpoints: number;
    /** Copies of its messages in the development SMTP sink. */
    sinkMessages: number;
    /** Embeddings of its notes and timeline entries (semantic search). */
    knowledgeVectors: number;
  };
  unlinked: { tasks: number; deals: number };
  /** Records kept without the personal data they held. */
  anonymised: {
    /** Sent messages kept as delivery records: no recipient, subject, bodies or headers. */
    messages: number;
    /** Their opens, clicks, replies and bounces, without reply text, link or sender. */
    messageEvents: number;
    /** Suppression entries kept as a hash of the address, so the person is not mailed again. */
    suppressions: number;
    /** CSV import rows of the contact, without their cells. */
    importRows: number;
    /** Linked tasks and deals whose title or name named the contact. */
    tasks: number;
    deals: number;
  };
  /** Audit entries of the contact, its notes, its AI drafts, and its tasks and deals that named it, blanked or scrubbed. */
  redactedAuditEntries: number;
  /** Flow runs still open: the caller signals them to unenroll once this has committed. */
  openRunWorkflowIds: string[];
}

/**
 * Erases one contact (GDPR right to erasure) in one transaction, everywhere the platform keeps
 * it: its timeline, notes, their embeddings, AI drafts and agent checkpoints and its runs' side-effect results are
 * deleted; sent messages stay as anonymised delivery records, suppressions as a hash, import
 * rows without their cells; tasks and deals lose the link and the contact's name; earlier audit
 * entries and events about it lose their personal data; and one audit entry records the erasure
 * itself, with counts only. (Temporal's copies are the payload codec's to shred.)
 */
export async function eraseContact(db: Db, principal: CrmPrincipal, contactId: string): Promise<ErasureResult> {
  return crmWrite(db, principal, async (write) => {
    const { manager, tenantId } = write;
    const contact = await requireContact(manager, principal, contactId, true);
    const ids = [tenantId, contactId];
    const count = async (sql: string) => (await queryRows<unknown>(manager, sql, ids)).length;
    const subject: ErasureSubject = {
      tenantId,
      contactId,
      enrollmentIds: (
        await queryRows<{ enrollment_id: string }>(
          manager,
          `SELECT enrollment_id FROM flow_runs WHERE tenant_id = $1 AND contact_id = $2::text`,
          ids,
        )
      ).map((run) => run.enrollment_id),
      addresses: [contact.email, contact.phone].filter((address): address is string => !!address),
    };
    // Before the link goes: the linked records are found by it.
    const linked = await scrubLinkedRecords(manager, tenantId, contactId, identifiersOf(contact));
    const delivery = await eraseDeliveryRecords(manager, subject);
    const agent = await eraseAgentState(manager, subject);
    const importRows = await eraseImportRows(manager, subject);

    // Before the notes and timeline they embed (their foreign keys would take them too, uncounted).
    const knowledgeVectors = await eraseContactVectors(manager, tenantId, contactId);
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
        [...ids, noteIds, REDACTED_JSON],
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
      removed: {
        timelineEntries,
        notes: noteIds.length,
        messages,
        approvals: agent.approvals,
        agentCheckpoints: agent.checkpointRows,
        sinkMessages: delivery.sinkMessages,
        knowledgeVectors,
      },
      unlinked: { tasks, deals },
      anonymised: {
        messages: delivery.messages,
        messageEvents: delivery.messageEvents,
        suppressions: delivery.suppressions,
        importRows,
        tasks: linked.tasks,
        deals: linked.deals,
      },
      redactedAuditEntries: redactedAuditEntries + agent.approvalAuditEntries + linked.auditEntries,
      openRunWorkflowIds: openRuns.map((r) => r.workflow_id),
    };
    write.audit(
      'erase',
      'contact',
      contactId,
      { erasure: 'gdpr', removed: result.removed, unlinked: result.unlinked, anonymised: result.anonymised },
      null,
    );
    write.event('contact.deleted', 'contact', contactId, { erased: true });
    return result;
  });
}
