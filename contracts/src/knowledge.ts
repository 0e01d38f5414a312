/** Indexing one knowledge document (chunk, embed, store): started by the upload route. */
export interface KnowledgeIndexDocumentInput {
  tenantId: string;
  documentId: string;
}
export type KnowledgeIndexDocumentResult =
  { status: 'ready'; chunks: number; model: string } | { status: 'failed'; error: string } | { status: 'deleted' };

/** Embedding a search query on the worker, for the API (which never loads the model). */
export interface KnowledgeEmbedQueryInput {
  tenantId: string;
  text: string;
}
export interface KnowledgeEmbedQueryResult {
  model: string;
  /** 384 numbers, unit length. */
  vector: number[];
}

/** The platform's catch-up indexer of notes and timeline entries, one run at a time, continuing as new. */
export interface KnowledgeIndexerInput {
  /** Records embedded per activity. */
  batch: number;
  /** Wait between polls when nothing is pending. */
  idleSeconds: number;
}
