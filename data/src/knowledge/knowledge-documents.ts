import { NotFoundError, type KnowledgeDocument, type KnowledgeDocumentCreate } from '@cadenza/core';
import { managerOf, queryRows, type Db } from '../crm/crm-write';

const SELECT = `d.id, d.kind, d.title, d.format, d.bytes, d.status, d.error, d.chunks, d.model,
  d.created_at AS "createdAt", d.indexed_at AS "indexedAt"`;

type DocumentRow = Omit<KnowledgeDocument, 'createdAt' | 'indexedAt'> & { createdAt: Date; indexedAt: Date | null };

const toDocument = (row: DocumentRow): KnowledgeDocument => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  indexedAt: row.indexedAt ? row.indexedAt.toISOString() : null,
});

/** A workspace's list is shown whole on its settings page; past this many, the oldest are not listed. */
const LIST_LIMIT = 500;

/** Stores a document or snippet as 'indexing'; the caller starts its indexing workflow. */
export async function createKnowledgeDocument(
  db: Db,
  tenantId: string,
  input: KnowledgeDocumentCreate,
  createdBy: string | null,
): Promise<KnowledgeDocument> {
  const [row] = (await managerOf(db).query(
    `INSERT INTO knowledge_documents AS d (tenant_id, kind, title, format, body, bytes, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SELECT}`,
    [tenantId, input.kind, input.title, input.format, input.text, Buffer.byteLength(input.text, 'utf8'), createdBy],
  )) as DocumentRow[];
  return toDocument(row!);
}

export async function listKnowledgeDocuments(db: Db, tenantId: string): Promise<KnowledgeDocument[]> {
  const rows = (await managerOf(db).query(
    `SELECT ${SELECT} FROM knowledge_documents d WHERE d.tenant_id = $1 ORDER BY d.created_at DESC, d.id LIMIT ${LIST_LIMIT}`,
    [tenantId],
  )) as DocumentRow[];
  return rows.map(toDocument);
}

export async function getKnowledgeDocument(db: Db, tenantId: string, id: string): Promise<KnowledgeDocument> {
  const [row] = (await managerOf(db).query(
    `SELECT ${SELECT} FROM knowledge_documents d WHERE d.tenant_id = $1 AND d.id = $2::uuid`,
    [tenantId, id],
  )) as DocumentRow[];
  if (!row) throw new NotFoundError('knowledge document', id);
  return toDocument(row);
}

/** What the indexer chunks; null when the document was deleted meanwhile. */
export async function readKnowledgeDocumentText(
  db: Db,
  tenantId: string,
  id: string,
): Promise<{
  title: string;
  kind: KnowledgeDocument['kind'];
  format: KnowledgeDocument['format'];
  body: string;
} | null> {
  const [row] = (await managerOf(db).query(
    `SELECT title, kind, format, body FROM knowledge_documents WHERE tenant_id = $1 AND id = $2::uuid`,
    [tenantId, id],
  )) as Array<{ title: string; kind: KnowledgeDocument['kind']; format: KnowledgeDocument['format']; body: string }>;
  return row ?? null;
}

/** Deletes a document; its chunks' vectors go with it (foreign key). */
export async function deleteKnowledgeDocument(db: Db, tenantId: string, id: string): Promise<void> {
  const rows = await queryRows<{ id: string }>(
    managerOf(db),
    `DELETE FROM knowledge_documents WHERE tenant_id = $1 AND id = $2::uuid RETURNING id`,
    [tenantId, id],
  );
  if (rows.length === 0) throw new NotFoundError('knowledge document', id);
}

/** Indexing gave up: the list shows the error, and the document can be deleted and uploaded again. */
export async function markKnowledgeDocumentFailed(db: Db, tenantId: string, id: string, error: string): Promise<void> {
  await managerOf(db).query(
    `UPDATE knowledge_documents SET status = 'failed', error = $3 WHERE tenant_id = $1 AND id = $2::uuid AND status <> 'ready'`,
    [tenantId, id, error.slice(0, 1000)],
  );
}
