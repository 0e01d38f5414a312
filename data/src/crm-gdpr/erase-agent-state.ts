import type { EntityManager } from 'typeorm';
import { AGENT_CHECKPOINT_SCHEMA } from '../ai/agent-migration';
import { queryRows } from '../crm/crm-write';
import { REDACTED_JSON, type ErasureSubject } from './erasure-subject';

export interface AgentStateErasure {
  /** Approval rows (the draft, the research and score behind it, the text sent) deleted. */
  approvals: number;
  /** Audit entries of those approvals whose before/after (subject and body) were blanked. */
  approvalAuditEntries: number;
  /** LangGraph checkpoints, their channel blobs and pending writes deleted (the agent's whole state). */
  checkpointRows: number;
}

const CHECKPOINT_TABLES = ['checkpoint_writes', 'checkpoint_blobs', 'checkpoints'] as const;

/**
 * What the AI agent kept about the contact: its drafts in the approvals inbox (with the
 * research), the audit of decisions on them (which quotes the draft), and the agent chains'
 * checkpoints, whose state holds the contact record, research, draft and delivery. A chain's
 * thread id is its step's side-effect key, `<enrollment id>:<node>:<visit>`, so the contact's
 * threads are those of its runs; the checkpoint tables have no tenant column, and enrollment
 * ids (taken from this tenant's runs) are what keeps the delete within the tenant.
 * The usage trace (`ai_agent_steps`: node, attempt, tokens) holds no personal data and stays.
 */
export async function eraseAgentState(manager: EntityManager, subject: ErasureSubject): Promise<AgentStateErasure> {
  const approvalIds = (
    await queryRows<{ id: string }>(
      manager,
      `DELETE FROM ai_approvals WHERE tenant_id = $1 AND (contact_id = $2 OR enrollment_id = ANY($3::uuid[]))
       RETURNING id`,
      [subject.tenantId, subject.contactId, subject.enrollmentIds],
    )
  ).map((row) => row.id);
  const approvalAuditEntries = (
    await queryRows<{ id: string }>(
      manager,
      `UPDATE audit_log SET
         before = CASE WHEN before IS NULL THEN NULL ELSE $3::jsonb END,
         after = CASE WHEN after IS NULL THEN NULL ELSE $3::jsonb END
       WHERE tenant_id = $1 AND entity = 'approval' AND entity_id = ANY($2::text[]) RETURNING id`,
      [subject.tenantId, approvalIds, REDACTED_JSON],
    )
  ).length;
  let checkpointRows = 0;
  for (const table of CHECKPOINT_TABLES) {
    checkpointRows += (
      await queryRows<{ thread_id: string }>(
        manager,
        `DELETE FROM "${AGENT_CHECKPOINT_SCHEMA}".${table} WHERE split_part(thread_id, ':', 1) = ANY($1::text[])
         RETURNING thread_id`,
        [subject.enrollmentIds],
      )
    ).length;
  }
  return { approvals: approvalIds.length, approvalAuditEntries, checkpointRows };
}
