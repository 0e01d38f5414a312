import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { markKnowledgeDocumentFailed } from '@cadenza/data';
import { indexKnowledgeDocument, indexPendingKnowledge, type Embedder } from '@cadenza/services/ai';
import type {
  KnowledgeEmbedQueryInput,
  KnowledgeEmbedQueryResult,
  KnowledgeIndexDocumentInput,
} from '@cadenza/contracts';
import { withHeartbeat } from '../agent/with-heartbeat';

/**
 * The knowledge base's activities: index a document, mark one failed, embed a query for the API,
 * and the catch-up over notes and timeline entries. The embedder is taken when first needed (the
 * local model's host starts then, not at worker boot).
 */
export function createKnowledgeActivities(deps: { db: DataSource; embedder: () => Embedder }) {
  return {
    /** Idempotent: a retry replaces the chunks it wrote. Heartbeats while it embeds. */
    knowledgeIndexDocument: (input: KnowledgeIndexDocumentInput) =>
      withHeartbeat(() => indexKnowledgeDocument({ db: deps.db, embedder: deps.embedder() }, input)),

    knowledgeMarkFailed: (input: KnowledgeIndexDocumentInput & { error: string }) =>
      markKnowledgeDocumentFailed(deps.db, input.tenantId, input.documentId, input.error),

    async knowledgeEmbedQuery(input: KnowledgeEmbedQueryInput): Promise<KnowledgeEmbedQueryResult> {
      const text = input.text.trim();
      if (!text) throw ApplicationFailure.nonRetryable('query is empty', 'InvalidQuery');
      const embedder = deps.embedder();
      const [vector] = await embedder.embed([text]);
      return { model: embedder.model, vector: Array.from(vector!) };
    },

    /** Embeds up to `batch` notes and timeline entries that have no vector yet; 0 means caught up. */
    knowledgeIndexPending: (input: { batch: number }) =>
      withHeartbeat(() => indexPendingKnowledge({ db: deps.db, embedder: deps.embedder() }, { limit: input.batch })),
  };
}
