import type { AuditEntry, AuditFilter, AuditListQuery, Page } from '@cadenza/core';
import { managerOf, type Db } from './crm-write';
import type { CrmPrincipal } from './crm-principal';
import { keysetClause, toPage, type KeysetOrder } from './keyset-page';
import { SqlParams } from './sql-params';

const ORDER: KeysetOrder = {
  name: 'id:desc',
  expression: 'a.id',
  cast: 'bigint',
  direction: 'desc',
  idExpression: 'a.id',
  idCast: 'bigint',
};

interface AuditSqlRow {
  id: string;
  actor_kind: AuditEntry['actor']['kind'];
  actor_id: string | null;
  action: AuditEntry['action'];
  entity: AuditEntry['entity'];
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  client_address: string | null;
  at: Date;
  sort_key: string;
}

const toEntry = (row: AuditSqlRow): AuditEntry => ({
  id: row.id,
  actor: { kind: row.actor_kind, id: row.actor_id },
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  before: row.before,
  after: row.after,
  clientAddress: row.client_address,
  at: row.at.toISOString(),
});

/** The WHERE conditions of a filter; the tenant's always comes first. */
function filterConditions(tenantId: string, filter: AuditFilter): { where: string[]; params: SqlParams } {
  const params = new SqlParams([tenantId]);
  const where = ['a.tenant_id = $1'];
  if (filter.entity) where.push(`a.entity = ${params.add(filter.entity)}`);
  if (filter.entityId) where.push(`a.entity_id = ${params.add(filter.entityId)}`);
  if (filter.action) where.push(`a.action = ${params.add(filter.action)}`);
  if (filter.actorId) where.push(`a.actor_id = ${params.add(filter.actorId)}`);
  if (filter.since) where.push(`a.at >= ${params.add(filter.since)}::timestamptz`);
  if (filter.until) where.push(`a.at < ${params.add(filter.until)}::timestamptz`);
  return { where, params };
}

/** The tenant's audit log, newest first, filtered; the CSV export pages through the same query. */
export async function listAuditLog(db: Db, principal: CrmPrincipal, query: AuditListQuery): Promise<Page<AuditEntry>> {
  const { where, params } = filterConditions(principal.tenantId, query);
  const keyset = keysetClause(ORDER, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await managerOf(db).query(
    `SELECT a.*, a.id::text AS sort_key FROM audit_log a WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as AuditSqlRow[];
  return toPage(
    rows.map((row) => ({ ...row, id: String(row.id) })),
    ORDER,
    query.limit,
    toEntry,
  );
}
