/** Indexing one knowledge document: one workflow per document, so a second start of the same is refused. */
export const knowledgeIndexWorkflowId = (tenantId: string, documentId: string) =>
  `knowledge-index:${tenantId}:${documentId}`;

/** Embedding one search query on the worker (the API never loads the model). */
export const knowledgeQueryWorkflowId = (tenantId: string, nonce: string) => `knowledge-query:${tenantId}:${nonce}`;

/**
 * The platform's one catch-up indexer of notes and timeline entries (all tenants). Its payloads are
 * counts only, so the platform key fits it.
 */
export const KNOWLEDGE_INDEXER_WORKFLOW_ID = 'cadenza-knowledge-indexer';
