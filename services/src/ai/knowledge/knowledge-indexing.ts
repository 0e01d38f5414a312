import {
  pendingKnowledgeRecords,
  readKnowledgeDocumentText,
  replaceDocumentChunks,
  storeRecordVectors,
  type DataSource,
} from '@cadenza/data';
import { batchesOf, type Embedder } from '../embeddings';
import { chunkText } from './chunk-text';

/** Texts per embed call: the local host embeds them one after another, so this bounds one call's time, not memory. */
const EMBED_BATCH = 32;

async function embedAll(embedder: Embedder, texts: string[], onBatch?: () => void): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (const batch of batchesOf(texts, EMBED_BATCH)) {
    vectors.push(...(await embedder.embed(batch)));
    onBatch?.();
  }
  return vectors;
}

/**
 * Chunks and embeds one knowledge document and stores its chunks (replacing any earlier ones) and
 * marks it ready. Idempotent: a retry embeds again and writes the same rows. A document deleted
 * meanwhile is left deleted. `onProgress` lets the activity heartbeat between batches.
 */
export async function indexKnowledgeDocument(
  deps: { db: DataSource; embedder: Embedder },
  input: { tenantId: string; documentId: string },
  onProgress?: () => void,
): Promise<{ chunks: number; model: string } | { deleted: true }> {
  const document = await readKnowledgeDocumentText(deps.db, input.tenantId, input.documentId);
  if (!document) return { deleted: true };
  // The title leads the first chunk: it is often the best summary of what the document is about.
  const chunks = chunkText(`${document.title}\n\n${document.body}`, { format: document.format });
  const vectors = await embedAll(deps.embedder, chunks, onProgress);
  const stored = await replaceDocumentChunks(
    deps.db,
    input.tenantId,
    input.documentId,
    deps.embedder.model,
    chunks.map((text, i) => ({ text, vector: vectors[i]! })),
  );
  return stored ? { chunks: chunks.length, model: deps.embedder.model } : { deleted: true };
}

/**
 * Embeds up to `limit` notes and timeline entries that have no vector of the embedder's model yet
 * (newest first; every tenant's, or one tenant's) and stores them. Answers how many it embedded: 0 means caught up.
 */
export async function indexPendingKnowledge(
  deps: { db: DataSource; embedder: Embedder },
  options: { limit: number; tenantId?: string },
  onProgress?: () => void,
): Promise<{ embedded: number; stored: number }> {
  const pending = await pendingKnowledgeRecords(deps.db, deps.embedder.model, options.limit, options.tenantId);
  if (pending.length === 0) return { embedded: 0, stored: 0 };
  const vectors = await embedAll(
    deps.embedder,
    pending.map((record) => record.text),
    onProgress,
  );
  const stored = await storeRecordVectors(
    deps.db,
    deps.embedder.model,
    pending.map((record, i) => ({ ...record, vector: vectors[i]! })),
  );
  return { embedded: pending.length, stored };
}
