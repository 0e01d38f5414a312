import type { KnowledgeHit, KnowledgeSource } from '@cadenza/core';
import { managerOf, type Db } from '../crm/crm-write';
import type { ScoredId } from './top-k';

interface DetailRow {
  vector_id: string;
  source: KnowledgeSource;
  contact_id: string | null;
  note_id: string | null;
  timeline_entry_id: string | null;
  chunk_text: string | null;
  document_title: string | null;
  ordinal: number | null;
  chunks: number | null;
  note_body: string | null;
  timeline_kind: string | null;
  timeline_summary: string | null;
  contact_name: string | null;
}

/** A short label: the document's title (with the chunk's place when it has several), or what and whose. */
function titleOf(row: DetailRow): string {
  const who = row.contact_name?.trim() || row.contact_id || '';
  switch (row.source) {
    case 'document':
      return (row.chunks ?? 0) > 1
        ? `${row.document_title} (part ${row.ordinal! + 1} of ${row.chunks})`
        : (row.document_title ?? '');
    case 'note':
      return `Note about ${who}`;
    case 'timeline':
      return `${(row.timeline_kind ?? 'activity').replace(/_/g, ' ')}: ${who}`;
  }
}

/**
 * The texts behind ranked vector ids, in the ranking's order. Notes and timeline entries are read
 * from their own tables (their text is kept once); a vector whose record went meanwhile is dropped.
 */
export async function knowledgeHitsOf(db: Db, tenantId: string, ranked: ScoredId[]): Promise<KnowledgeHit[]> {
  if (ranked.length === 0) return [];
  const rows = (await managerOf(db).query(
    `SELECT v.id::text AS vector_id, v.source, v.contact_id::text AS contact_id, v.note_id::text AS note_id,
       v.timeline_entry_id::text AS timeline_entry_id, v.chunk_text, d.title AS document_title, v.ordinal, d.chunks,
       n.body AS note_body, t.kind AS timeline_kind, t.summary AS timeline_summary,
       concat_ws(' ', c.first_name, c.last_name) AS contact_name
     FROM knowledge_vectors v
     LEFT JOIN knowledge_documents d ON d.tenant_id = v.tenant_id AND d.id = v.document_id
     LEFT JOIN notes n ON n.tenant_id = v.tenant_id AND n.id = v.note_id
     LEFT JOIN timeline_entries t ON t.tenant_id = v.tenant_id AND t.id = v.timeline_entry_id
     LEFT JOIN contacts c ON c.tenant_id = v.tenant_id AND c.id = v.contact_id
     WHERE v.tenant_id = $1 AND v.id = ANY($2::uuid[])`,
    [tenantId, ranked.map((r) => r.id)],
  )) as DetailRow[];
  const byId = new Map(rows.map((row) => [row.vector_id, row]));
  return ranked.flatMap(({ id, score }) => {
    const row = byId.get(id);
    const text = row ? (row.chunk_text ?? row.note_body ?? row.timeline_summary) : null;
    if (!row || text === null) return [];
    return [
      {
        source: row.source,
        id: row.note_id ?? row.timeline_entry_id ?? row.vector_id,
        contactId: row.contact_id,
        title: titleOf(row),
        text,
        score,
      },
    ];
  });
}
