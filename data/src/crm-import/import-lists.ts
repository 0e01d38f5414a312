import {
  type Import,
  type ImportErrorListQuery,
  type ImportListQuery,
  type ImportRowError,
  type Page,
} from '@cadenza/core';
import { managerOf, type Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';
import { keysetClause, toPage, type KeysetOrder } from '../crm/keyset-page';
import { SqlParams } from '../crm/sql-params';
import { getImport, toImport, type ImportSqlRow } from './imports';
import { rowObject } from './parse-csv';

const IMPORT_ORDER: KeysetOrder = {
  name: 'createdAt:desc',
  expression: 'i.created_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 'i.id',
};

/** The workspace's imports, newest first, each with its status, counts and progress. */
export async function listImports(db: Db, principal: CrmPrincipal, query: ImportListQuery): Promise<Page<Import>> {
  const params = new SqlParams([principal.tenantId]);
  const where = ['i.tenant_id = $1'];
  if (query.status) where.push(`i.status = ${params.add(query.status)}`);
  const keyset = keysetClause(IMPORT_ORDER, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await managerOf(db).query(
    `SELECT i.*, i.created_at::text AS sort_key FROM imports i WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<ImportSqlRow & { sort_key: string }>;
  return toPage(rows, IMPORT_ORDER, query.limit, toImport);
}

// File order; position breaks ties (two rows never share a line, but the key must be total).
const ERROR_ORDER: KeysetOrder = {
  name: 'line:asc',
  expression: 'r.line',
  cast: 'integer',
  direction: 'asc',
  idExpression: 'r.position',
  idCast: 'bigint',
};

/**
 * Rejected rows of an import in file order, a page at a time: line, reason, the email cell
 * when a column maps to email, and the whole row as it was in the file.
 */
export async function listImportErrors(
  db: Db,
  principal: CrmPrincipal,
  id: string,
  query: ImportErrorListQuery,
): Promise<Page<ImportRowError>> {
  const imported = await getImport(db, principal, id);
  const emailAt = imported.columns.findIndex((header) => imported.mapping[header] === 'email');
  const params = new SqlParams([principal.tenantId, id]);
  const where = ['r.tenant_id = $1', 'r.import_id = $2', `r.outcome = 'failed'`];
  const keyset = keysetClause(ERROR_ORDER, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await managerOf(db).query(
    `SELECT r.line, r.error, r.cells, r.position::text AS id, r.line::text AS sort_key FROM import_rows r
     WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<{ line: number; error: string; cells: string[]; id: string; sort_key: string }>;
  return toPage(rows, ERROR_ORDER, query.limit, (r) => ({
    line: r.line,
    reason: r.error,
    email: emailAt >= 0 && r.cells[emailAt] ? r.cells[emailAt] : null,
    row: rowObject(imported.columns, r.cells),
  }));
}
