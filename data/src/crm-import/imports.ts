import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  NotFoundError,
  importWorkflowId,
  type Import,
  type ImportCounts,
  importProgressOf,
  type ImportMapping,
} from '@cadenza/core';
import { appendDomainEvents } from '../events';
import { managerOf, type Db } from '../crm/crm-write';
import { actorOf, type CrmPrincipal } from '../crm/crm-principal';
import type { ParsedCsv } from './parse-csv';

export interface ImportSqlRow {
  id: string;
  status: Import['status'];
  file_name: string | null;
  columns: string[];
  mapping: ImportMapping;
  total: number;
  done: number;
  created: number;
  updated: number;
  failed: number;
  workflow_id: string;
  created_at: Date;
  completed_at: Date | null;
}

export const toImport = (row: ImportSqlRow): Import => ({
  id: row.id,
  status: row.status,
  fileName: row.file_name,
  columns: row.columns,
  mapping: row.mapping,
  counts: { total: row.total, done: row.done, created: row.created, updated: row.updated, failed: row.failed },
  progress: importProgressOf(row),
  workflowId: row.workflow_id,
  createdAt: row.created_at.toISOString(),
  completedAt: row.completed_at?.toISOString() ?? null,
});

/** Rows per INSERT: keeps each statement's JSON parameter a few MB at most. */
const INSERT_CHUNK = 2000;

/**
 * Stores an import and every parsed row of its file, in one transaction, status running.
 * The caller starts the workflow afterwards (its id is fixed here).
 */
export async function createImport(
  db: Db,
  principal: CrmPrincipal,
  input: { fileName: string | null; csv: ParsedCsv; mapping: ImportMapping },
): Promise<Import> {
  const id = randomUUID();
  const actor = actorOf(principal);
  return managerOf(db).transaction(async (manager) => {
    const [row] = (await manager.query(
      `INSERT INTO imports (tenant_id, id, status, file_name, columns, mapping, total, workflow_id, created_by_kind, created_by_id)
       VALUES ($1, $2, 'running', $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9) RETURNING *`,
      [
        principal.tenantId,
        id,
        input.fileName,
        JSON.stringify(input.csv.headers),
        JSON.stringify(input.mapping),
        input.csv.rows.length,
        importWorkflowId(principal.tenantId, id),
        actor.kind,
        actor.id,
      ],
    )) as ImportSqlRow[];
    for (let start = 0; start < input.csv.rows.length; start += INSERT_CHUNK) {
      const chunk = input.csv.rows
        .slice(start, start + INSERT_CHUNK)
        .map((r, i) => ({ position: start + i, line: r.line, cells: r.cells }));
      await manager.query(
        `INSERT INTO import_rows (tenant_id, import_id, position, line, cells)
         SELECT $1, $2, r.position, r.line, r.cells FROM jsonb_to_recordset($3::jsonb) AS r(position int, line int, cells jsonb)`,
        [principal.tenantId, id, JSON.stringify(chunk)],
      );
    }
    return toImport(row!);
  });
}

export async function getImport(db: Db, principal: CrmPrincipal, id: string): Promise<Import> {
  const rows = (await managerOf(db).query(`SELECT * FROM imports WHERE tenant_id = $1 AND id = $2`, [
    principal.tenantId,
    id,
  ])) as ImportSqlRow[];
  if (!rows[0]) throw new NotFoundError('import', id);
  return toImport(rows[0]);
}

export interface ImportBatchRow {
  position: number;
  line: number;
  cells: string[];
  outcome: 'created' | 'updated' | 'failed' | null;
}

/** A slice of an import's rows by position, with what is needed to process them. */
export async function loadImportBatch(
  db: Db,
  tenantId: string,
  importId: string,
  from: number,
  limit: number,
): Promise<{ columns: string[]; mapping: ImportMapping; rows: ImportBatchRow[] }> {
  const manager = managerOf(db);
  const [head] = (await manager.query(`SELECT columns, mapping FROM imports WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    importId,
  ])) as Array<{ columns: string[]; mapping: ImportMapping }>;
  if (!head) throw new NotFoundError('import', importId);
  const rows = (await manager.query(
    `SELECT position, line, cells, outcome FROM import_rows
     WHERE tenant_id = $1 AND import_id = $2 AND position >= $3 AND position < $4 ORDER BY position`,
    [tenantId, importId, from, from + limit],
  )) as ImportBatchRow[];
  return { ...head, rows };
}

/** Records one row's outcome: inside the row's own write transaction when it succeeded. */
export async function recordRowOutcome(
  manager: EntityManager,
  tenantId: string,
  importId: string,
  position: number,
  outcome: 'created' | 'updated' | 'failed',
  error: string | null = null,
): Promise<void> {
  await manager.query(
    `UPDATE import_rows SET outcome = $4, error = $5 WHERE tenant_id = $1 AND import_id = $2 AND position = $3`,
    [tenantId, importId, position, outcome, error],
  );
}

/**
 * Recounts the import from its rows (so a retried batch never double counts), stores the
 * counts, and emits `import.progress`, or `import.completed` with the final status.
 */
export async function refreshImportProgress(
  db: Db,
  principal: CrmPrincipal,
  importId: string,
  finish?: 'completed' | 'failed',
): Promise<ImportCounts> {
  return managerOf(db).transaction(async (manager) => {
    const [row] = (await manager.query(
      `UPDATE imports i SET done = c.done, created = c.created, updated = c.updated, failed = c.failed,
         status = coalesce($3, i.status), completed_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END
       FROM (SELECT count(outcome)::int AS done,
               (count(*) FILTER (WHERE outcome = 'created'))::int AS created,
               (count(*) FILTER (WHERE outcome = 'updated'))::int AS updated,
               (count(*) FILTER (WHERE outcome = 'failed'))::int AS failed
             FROM import_rows WHERE tenant_id = $1 AND import_id = $2) c
       WHERE i.tenant_id = $1 AND i.id = $2
       RETURNING i.total, i.done, i.created, i.updated, i.failed`,
      [principal.tenantId, importId, finish ?? null],
    )) as [ImportCounts[], number];
    const counts = row[0];
    if (!counts) throw new NotFoundError('import', importId);
    await appendDomainEvents(manager, principal.tenantId, [
      {
        type: finish ? 'import.completed' : 'import.progress',
        subject: 'import',
        subjectId: importId,
        payload: { ...counts, ...(finish ? { status: finish } : {}) },
        actor: actorOf(principal),
      },
    ]);
    return counts;
  });
}

/** Marks an import failed when its workflow could not even start. */
export async function markImportFailed(db: Db, tenantId: string, importId: string): Promise<void> {
  await managerOf(db).query(
    `UPDATE imports SET status = 'failed', completed_at = now() WHERE tenant_id = $1 AND id = $2`,
    [tenantId, importId],
  );
}
