import { DataSource } from 'typeorm';
import type { KnowledgeSource, Principal } from '@cadenza/core';
import { contactVisibleCondition } from '../crm/crm-principal';
import { managerOf, type Db } from '../crm/crm-write';
import { SqlParams } from '../crm/sql-params';
import { hasPgvector } from './pgvector-column';
import { keepTop, type ScoredId } from './top-k';
import { bytesToVector, vectorLiteral } from './vector-bytes';

export interface VectorFilter {
  tenantId: string;
  /** Only vectors of this embedding model: another model's vectors are not comparable. */
  model: string;
  sources: readonly KnowledgeSource[];
  /** Only this contact's notes and timeline; documents (no contact) still match. */
  contactId?: string;
  /** Only what this principal may read of contacts (a sales rep: its own); none means the whole workspace. */
  visibleTo?: Principal;
}

/** How many rows the portable scan fetches at a time: about 6 MB of vectors. */
const SCAN_BATCH = 4096;

function whereOf(filter: VectorFilter, params: SqlParams): string {
  const where = [`v.tenant_id = ${params.add(filter.tenantId)}::uuid`, `v.model = ${params.add(filter.model)}`];
  where.push(`v.source = ANY(${params.add(filter.sources)}::text[])`);
  if (filter.contactId) where.push(`(v.contact_id IS NULL OR v.contact_id = ${params.add(filter.contactId)}::uuid)`);
  const visible = filter.visibleTo
    ? contactVisibleCondition(filter.visibleTo, { tenantId: 'v.tenant_id', contactId: 'v.contact_id' }, params)
    : null;
  if (visible) where.push(`(v.contact_id IS NULL OR ${visible})`);
  return where.join(' AND ');
}

/**
 * The portable path: every matching vector read through a cursor, 4,096 rows a fetch (one plan, one pass
 * over the table, memory one batch whatever the workspace's size), each scored by the dot product in Node,
 * keeping the best `limit`. Exact. (A keyset on the id instead re-plans per batch and reads the heap in id
 * order: 3-4 times slower at 100,000 vectors. The bytea arrives hex-encoded and is decoded natively;
 * node-postgres's binary mode would be smaller on the wire but decodes every field as UTF-8.)
 */
export async function nearestByScan(
  db: Db,
  filter: VectorFilter,
  query: Float32Array,
  limit: number,
): Promise<ScoredId[]> {
  const runner = (db instanceof DataSource ? db : db.connection).createQueryRunner('slave');
  await runner.connect();
  try {
    await runner.query('BEGIN READ ONLY');
    const params = new SqlParams();
    await runner.query(
      `DECLARE knowledge_scan NO SCROLL CURSOR FOR
       SELECT v.id::text AS id, v.embedding FROM knowledge_vectors v WHERE ${whereOf(filter, params)}`,
      params.values,
    );
    let best: ScoredId[] = [];
    for (;;) {
      const rows = (await runner.query(`FETCH ${SCAN_BATCH} FROM knowledge_scan`)) as Array<{
        id: string;
        embedding: Buffer;
      }>;
      best = keepTop(
        best,
        rows.map((row) => ({ id: row.id, score: dotWith(query, row.embedding) })),
        limit,
      );
      if (rows.length < SCAN_BATCH) break;
    }
    await runner.query('COMMIT');
    return best;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** The dot product of the query with a stored vector, read in place (no copy per row). */
function dotWith(query: Float32Array, bytes: Buffer): number {
  if (bytes.byteOffset % 4 === 0) {
    const stored = new Float32Array(bytes.buffer, bytes.byteOffset, query.length);
    let sum = 0;
    for (let i = 0; i < query.length; i++) sum += query[i]! * stored[i]!;
    return sum;
  }
  const stored = bytesToVector(bytes);
  let sum = 0;
  for (let i = 0; i < query.length; i++) sum += query[i]! * stored[i]!;
  return sum;
}

/**
 * The pgvector path: the same filter, ranked by the server (`<#>` is the negative inner product;
 * with no approximate index the plan is an exact scan, so the ranking is the portable path's).
 * Not exercised by this repository's tests: neither the embedded server nor the CI PostgreSQL has
 * the extension. Kept to this one query on purpose.
 */
export async function nearestByPgvector(
  db: Db,
  filter: VectorFilter,
  query: Float32Array,
  limit: number,
): Promise<ScoredId[]> {
  const params = new SqlParams();
  const where = whereOf(filter, params);
  const q = params.add(vectorLiteral(query));
  const rows = (await managerOf(db).query(
    `SELECT v.id::text AS id, -(v.embedding_pgv <#> ${q}::vector) AS score FROM knowledge_vectors v
     WHERE ${where} ORDER BY v.embedding_pgv <#> ${q}::vector, v.id LIMIT ${Number(limit)}`,
    params.values,
  )) as Array<{ id: string; score: number }>;
  return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
}

/** The best `limit` vectors for `query` (a unit vector), best first: pgvector where the database has it, else the scan. */
export async function nearestVectors(
  db: Db,
  filter: VectorFilter,
  query: Float32Array,
  limit: number,
): Promise<ScoredId[]> {
  if (filter.sources.length === 0 || limit < 1) return [];
  return (await hasPgvector(db))
    ? nearestByPgvector(db, filter, query, limit)
    : nearestByScan(db, filter, query, limit);
}
