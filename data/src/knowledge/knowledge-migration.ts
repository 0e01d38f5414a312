import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EMBEDDING_BYTES } from './vector-bytes';

/**
 * The knowledge base: documents and snippets with their indexing status, and one table of
 * vectors for every source (document chunks, notes, timeline entries), so a search is one scan.
 *
 * Vectors are stored portably as 384 little-endian float32s (`embedding bytea`), scanned exactly
 * in Node. Where the server offers pgvector (Cloud SQL does; the embedded server does not) the
 * extension is created and a `vector(384)` copy is kept beside it (`embedding_pgv`), which the
 * search uses instead: same vectors, same exact ranking, computed in the server. Notes and
 * timeline entries keep no copy of their text here: it is read from them at search time, and
 * their vectors go with them (foreign keys) and with their contact (the GDPR erase deletes them).
 */
export class KnowledgeBase1764302300000 implements MigrationInterface {
  name = 'KnowledgeBase1764302300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE knowledge_documents (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('document', 'snippet')),
      title text NOT NULL,
      format text NOT NULL CHECK (format IN ('text', 'markdown')),
      body text NOT NULL,
      bytes integer NOT NULL,
      status text NOT NULL DEFAULT 'indexing' CHECK (status IN ('indexing', 'ready', 'failed')),
      error text,
      chunks integer NOT NULL DEFAULT 0,
      model text,
      created_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      indexed_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )`);
    await db.query(`CREATE INDEX knowledge_documents_created_idx ON knowledge_documents (tenant_id, created_at, id)`);

    await db.query(`CREATE TABLE knowledge_vectors (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      source text NOT NULL CHECK (source IN ('document', 'note', 'timeline')),
      document_id uuid,
      ordinal integer,
      chunk_text text,
      note_id uuid,
      timeline_entry_id uuid,
      contact_id uuid,
      model text NOT NULL,
      embedding bytea NOT NULL CHECK (octet_length(embedding) = ${EMBEDDING_BYTES}),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, document_id) REFERENCES knowledge_documents (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, note_id) REFERENCES notes (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, timeline_entry_id) REFERENCES timeline_entries (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE,
      CHECK (source <> 'document' OR (document_id IS NOT NULL AND ordinal IS NOT NULL AND chunk_text IS NOT NULL)),
      CHECK (source <> 'note' OR (note_id IS NOT NULL AND contact_id IS NOT NULL)),
      CHECK (source <> 'timeline' OR (timeline_entry_id IS NOT NULL AND contact_id IS NOT NULL))
    )`);
    // One vector per thing and model: a retried indexing step inserts nothing twice.
    await db.query(`CREATE UNIQUE INDEX knowledge_vectors_chunk_uq ON knowledge_vectors (tenant_id, document_id, ordinal, model)
      WHERE document_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX knowledge_vectors_note_uq ON knowledge_vectors (tenant_id, note_id, model)
      WHERE note_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX knowledge_vectors_timeline_uq ON knowledge_vectors (tenant_id, timeline_entry_id, model)
      WHERE timeline_entry_id IS NOT NULL`);
    await db.query(`CREATE INDEX knowledge_vectors_contact_idx ON knowledge_vectors (tenant_id, contact_id)
      WHERE contact_id IS NOT NULL`);

    const [available] = (await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)) as unknown[];
    if (!available) return;
    // Creating an extension may be refused (no privilege): then the portable path serves alone.
    await db.query(`SAVEPOINT knowledge_pgvector`);
    try {
      await db.query(`CREATE EXTENSION IF NOT EXISTS vector`);
      await db.query(`ALTER TABLE knowledge_vectors ADD COLUMN embedding_pgv vector(384)`);
      await db.query(`RELEASE SAVEPOINT knowledge_pgvector`);
    } catch {
      await db.query(`ROLLBACK TO SAVEPOINT knowledge_pgvector`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE knowledge_vectors`);
    await db.query(`DROP TABLE knowledge_documents`);
  }
}
