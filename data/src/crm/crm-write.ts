import type { EntityManager } from 'typeorm';
import {
  ConflictError,
  UserError,
  type AuditAction,
  type AuditedEntity,
  type NewDomainEvent,
  type TimelineEntryCreate,
} from '@cadenza/core';
import { recordDomainEvents } from '../events/domain-events';
import { auditInsertStatement, type PendingAudit } from '../audit/record-audit';
import { actorOf, type CrmPrincipal } from './crm-principal';
import { managerOf, type Db } from './db';

export { managerOf, type Db };

/**
 * One CRM write: the change, its audit entries, domain events and timeline entries, all
 * through the same transaction's manager. Audit rows and events are written last, just
 * before commit, so a change that fails half way leaves none of them.
 */
export class CrmWrite {
  private readonly audits: PendingAudit[] = [];
  private readonly events: NewDomainEvent[] = [];

  constructor(
    readonly manager: EntityManager,
    readonly principal: CrmPrincipal,
  ) {}

  get tenantId(): string {
    return this.principal.tenantId;
  }

  audit(action: AuditAction, entity: AuditedEntity, entityId: string, before: object | null, after: object | null) {
    this.audits.push({ action, entity, entityId, before, after });
  }

  event(type: string, subject: NewDomainEvent['subject'], subjectId: string, payload: Record<string, unknown> = {}) {
    this.events.push({ type, subject, subjectId, payload, actor: actorOf(this.principal) });
  }

  async timeline(contactId: string, entry: TimelineEntryCreate): Promise<string> {
    const actor = actorOf(this.principal);
    const [row] = (await this.manager.query(
      `INSERT INTO timeline_entries (tenant_id, contact_id, kind, summary, data, actor_kind, actor_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, coalesce($8::timestamptz, now())) RETURNING id`,
      [
        this.tenantId,
        contactId,
        entry.kind,
        entry.summary,
        JSON.stringify(entry.data ?? {}),
        actor.kind,
        actor.id,
        entry.occurredAt ?? null,
      ],
    )) as Array<{ id: string }>;
    return row!.id;
  }

  /** Audit rows and events go in one statement (the audit insert rides along the events'): one round trip. */
  async flush(): Promise<void> {
    const audit =
      this.audits.length > 0
        ? auditInsertStatement(
            { tenantId: this.tenantId, actor: actorOf(this.principal), clientAddress: this.principal.clientAddress },
            this.audits,
          )
        : undefined;
    await recordDomainEvents(this.manager, this.tenantId, this.events, audit);
  }
}

interface PgError {
  code?: string;
  constraint?: string;
  driverError?: PgError;
}

/** Constraint violations the repositories do not pre-check become user errors, not 500s. */
function toUserError(error: unknown): unknown {
  const pg = ((error as PgError)?.driverError ?? error) as PgError;
  if (pg?.code === '23505' && pg.constraint === 'contacts_email_uq') {
    return new ConflictError('a contact with this email already exists', {
      fields: [{ field: 'body.email', message: 'is already used by another contact' }],
    });
  }
  if (pg?.code === '23505' && pg.constraint === 'custom_field_definitions_tenant_id_key_key') {
    return new ConflictError('a custom field with this key already exists', {
      fields: [{ field: 'body.key', message: 'is already defined' }],
    });
  }
  if (pg?.code === '23503' && pg.constraint?.startsWith('deals_tenant_id_pipeline_id_stage_id')) {
    return new ConflictError('deals are still in this stage or pipeline; move them first');
  }
  if (pg?.code === '23503') return new UserError('invalid_reference', 'a referenced record does not exist');
  return error;
}

/**
 * Runs a CRM write in a transaction: a fresh one, or the caller's when it hands us the
 * manager of a transaction already open (a workflow activity doing several writes at once).
 */
export async function crmWrite<T>(db: Db, principal: CrmPrincipal, work: (write: CrmWrite) => Promise<T>): Promise<T> {
  const run = async (manager: EntityManager) => {
    const write = new CrmWrite(manager, principal);
    const result = await work(write);
    await write.flush();
    return result;
  };
  try {
    const manager = managerOf(db);
    if (manager.queryRunner?.isTransactionActive) return await run(manager);
    return await manager.transaction(run);
  } catch (error) {
    throw toUserError(error);
  }
}

/** A 400 naming one field, e.g. a companyId that names no company of this tenant. */
export function fieldError(field: string, message: string): UserError {
  return new UserError('validation_failed', `invalid body: ${field}: ${message}`, { fields: [{ field, message }] });
}

/** TypeORM answers UPDATE/DELETE ... RETURNING with [rows, count] on Postgres, other statements with rows. */
export async function queryRows<T>(
  manager: Pick<EntityManager, 'query'>,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = (await manager.query(sql, params)) as unknown[];
  return (/^\s*(UPDATE|DELETE)/i.test(sql) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
