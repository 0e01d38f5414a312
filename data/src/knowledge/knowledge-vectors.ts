import type { KnowledgeSource } from '@cadenza/core';
import { managerOf, queryRows, type Db } from '../crm/crm-write';
import { hasPgvector } from './pgvector-column';
import { vectorLiteral, vectorToBytes } from './vector-bytes';

export interface ChunkVector {
  text: string;
  vector: ArrayLike<number>;
}

/** The pgvector copy's column and value, where the database keeps one. */
async function pgvectorCopy(db: Db, vector: ArrayLike<number>): Promise<{ column: string; value: string } | null> {
  return (await hasPgvector(db)) ? { column: ', embedding_pgv', value: vectorLiteral(vector) } : null;
}

/**
 * Replaces a document's chunks with these, embedded by `model`, and marks it ready, in one
 * transaction: a retried indexing step writes the same rows again, never twice. A document deleted
 * meanwhile stays deleted (nothing is written).
 */
export async function replaceDocumentChunks(
  db: Db,
  tenantId: string,
  documentId: string,
  model: string,
  chunks: ChunkVector[],
): Promise<boolean> {
  return managerOf(db).transaction(async (manager) => {
    const locked = (await manager.query(
      `SELECT 1 FROM knowledge_documents WHERE tenant_id = $1 AND id = $2::uuid FOR UPDATE`,
      [tenantId, documentId],
    )) as unknown[];
    if (locked.length === 0) return false;
    await manager.query(`DELETE FROM knowledge_vectors WHERE tenant_id = $1 AND document_id = $2::uuid`, [
      tenantId,
      documentId,
    ]);
    for (const [ordinal, chunk] of chunks.entries()) {
      const copy = await pgvectorCopy(manager, chunk.vector);
      await manager.query(
        `INSERT INTO knowledge_vectors (tenant_id, source, document_id, ordinal, chunk_text, model, embedding${copy?.column ?? ''})
         VALUES ($1, 'document', $2, $3, $4, $5, $6${copy ? ', $7::vector' : ''})`,
        [tenantId, documentId, ordinal, chunk.text, model, vectorToBytes(chunk.vector), ...(copy ? [copy.value] : [])],
      );
    }
    await manager.query(
      `UPDATE knowledge_documents SET status = 'ready', error = NULL, chunks = $3, model = $4, indexed_at = now()
       WHERE tenant_id = $1 AND id = $2::uuid`,
      [tenantId, documentId, chunks.length, model],
    );
    return true;
  });
}

/** A note or timeline entry waiting for its vector. */
export interface PendingRecord {
  tenantId: string;
  source: Exclude<KnowledgeSource, 'document'>;
  recordId: string;
  contactId: string;
  text: string;
}

/**
 * Notes and timeline entries with no vector of `model` yet, newest first (what was just written is
 * searchable soonest), across tenants. Timeline entries of kind 'note' repeat their note and are
 * left out; empty texts have nothing to embed.
 */
export async function pendingKnowledgeRecords(
  db: Db,
  model: string,
  limit: number,
  tenantId?: string,
): Promise<PendingRecord[]> {
  // $3 NULL: every tenant (the worker's catch-up); a tenant id: that tenant's backlog only.
  return (await managerOf(db).query(
    `(SELECT n.tenant_id AS "tenantId", 'note' AS source, n.id AS "recordId", n.contact_id AS "contactId",
        n.body AS text, n.created_at AS at
      FROM notes n
      WHERE ($3::uuid IS NULL OR n.tenant_id = $3::uuid) AND btrim(n.body) <> '' AND NOT EXISTS (SELECT 1 FROM knowledge_vectors v
        WHERE v.tenant_id = n.tenant_id AND v.note_id = n.id AND v.model = $1)
      ORDER BY n.created_at DESC LIMIT $2)
     UNION ALL
     (SELECT t.tenant_id, 'timeline', t.id, t.contact_id, t.summary, t.occurred_at
      FROM timeline_entries t
      WHERE ($3::uuid IS NULL OR t.tenant_id = $3::uuid) AND t.kind <> 'note' AND btrim(t.summary) <> '' AND NOT EXISTS (SELECT 1 FROM knowledge_vectors v
        WHERE v.tenant_id = t.tenant_id AND v.timeline_entry_id = t.id AND v.model = $1)
      ORDER BY t.occurred_at DESC LIMIT $2)
     ORDER BY at DESC LIMIT $2`,
    [model, limit, tenantId ?? null],
  )) as PendingRecord[];
}

/**
 * Stores the vectors of notes and timeline entries. Idempotent (one per record and model), and a
 * record deleted since it was read (a note deleted, a contact erased) gets none: the row is
 * inserted from the record itself. Returns how many were stored.
 */
export async function storeRecordVectors(
  db: Db,
  model: string,
  records: Array<Pick<PendingRecord, 'tenantId' | 'source' | 'recordId'> & { vector: ArrayLike<number> }>,
): Promise<number> {
  let stored = 0;
  for (const record of records) {
    const copy = await pgvectorCopy(db, record.vector);
    const [column, table] = record.source === 'note' ? ['note_id', 'notes'] : ['timeline_entry_id', 'timeline_entries'];
    const rows = await queryRows<{ id: string }>(
      managerOf(db),
      `INSERT INTO knowledge_vectors (tenant_id, source, ${column}, contact_id, model, embedding${copy?.column ?? ''})
       SELECT r.tenant_id, $3, r.id, r.contact_id, $4, $5${copy ? ', $6::vector' : ''}
       FROM ${table} r WHERE r.tenant_id = $1 AND r.id = $2::uuid
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        record.tenantId,
        record.recordId,
        record.source,
        model,
        vectorToBytes(record.vector),
        ...(copy ? [copy.value] : []),
      ],
    );
    stored += rows.length;
  }
  return stored;
}

/** The GDPR erase: every vector of the contact's notes and timeline (a vector is personal data too). */
export async function eraseContactVectors(db: Db, tenantId: string, contactId: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    managerOf(db),
    `DELETE FROM knowledge_vectors WHERE tenant_id = $1 AND contact_id = $2::uuid RETURNING id`,
    [tenantId, contactId],
  );
  return rows.length;
}
