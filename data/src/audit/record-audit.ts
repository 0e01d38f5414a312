import type { Actor, AuditAction, AuditedEntity } from '@cadenza/core';
import type { AlongsideStatement } from '../events/domain-events';
import { managerOf, type Db } from '../crm/db';

/** One audit entry before it is written: what was done to which record, and the change. */
export interface PendingAudit {
  action: AuditAction;
  entity: AuditedEntity;
  entityId: string;
  /** The record (or its changed fields) before; null on create. Never secrets: say that they changed. */
  before: object | null;
  /** The record (or its changed fields) after; null on delete. */
  after: object | null;
}

/** Who acted, in which workspace, from where: the same for every entry of one write. */
export interface AuditContext {
  tenantId: string;
  actor: Actor;
  clientAddress?: string | null;
}

/**
 * The one INSERT of audit rows, as a statement that can ride along another (CrmWrite sends
 * it with the domain events' insert) or run on its own (recordAudit).
 */
export function auditInsertStatement(context: AuditContext, entries: readonly PendingAudit[]): AlongsideStatement {
  return {
    sql: (p) =>
      `INSERT INTO audit_log (tenant_id, actor_kind, actor_id, client_address, action, entity, entity_id, before, after)
       SELECT $${p}, $${p + 1}, $${p + 2}, $${p + 3}, a.action, a.entity, a.entity_id, a.before, a.after
       FROM jsonb_to_recordset($${p + 4}::jsonb) AS a(action text, entity text, entity_id text, before jsonb, after jsonb)`,
    parameters: [
      context.tenantId,
      context.actor.kind,
      context.actor.id,
      context.clientAddress ?? null,
      JSON.stringify(
        entries.map((a) => ({
          action: a.action,
          entity: a.entity,
          entity_id: a.entityId,
          before: a.before,
          after: a.after,
        })),
      ),
    ],
  };
}

/**
 * Writes audit entries now, on the given manager: pass a transaction's manager to record
 * the entry with the change it describes (it commits or rolls back with it).
 */
export async function recordAudit(db: Db, context: AuditContext, ...entries: PendingAudit[]): Promise<void> {
  if (entries.length === 0) return;
  const statement = auditInsertStatement(context, entries);
  await managerOf(db).query(statement.sql(1), statement.parameters);
}
