import { KNOWLEDGE_LIMITS, KNOWLEDGE_SOURCES, UserError } from '@cadenza/core';
import { knowledgeHitsOf, nearestVectors, type DataSource } from '@cadenza/data';
import type { Embedder } from '../embeddings';
import type { KnowledgeHit, KnowledgeQuery, KnowledgeSearch } from './knowledge-search';

/** Embeds one query text: on the worker, the Embedder itself; in the API, a workflow on the worker. */
export type EmbedQuery = (text: string) => Promise<{ model: string; vector: Float32Array }>;

/** An EmbedQuery over an Embedder in this process (the worker's activities, tests, benches). */
export function embedQueryWith(embedder: Embedder): EmbedQuery {
  return async (text) => {
    const [vector] = await embedder.embed([text]);
    return { model: embedder.model, vector: vector! };
  };
}

/** The query as the search takes it: bounds checked with errors that name what is wrong. */
export function checkedKnowledgeQuery(
  query: KnowledgeQuery,
): Required<Pick<KnowledgeQuery, 'query' | 'sources' | 'limit'>> {
  const text = query.query.trim();
  if (!text) throw new UserError('invalid_query', 'query is empty', { field: 'query' });
  if (text.length > KNOWLEDGE_LIMITS.queryChars)
    throw new UserError('invalid_query', `query is over ${KNOWLEDGE_LIMITS.queryChars} characters`, { field: 'query' });
  const limit = query.limit ?? KNOWLEDGE_LIMITS.defaultHits;
  if (!Number.isInteger(limit) || limit < 1 || limit > KNOWLEDGE_LIMITS.maxHits)
    throw new UserError('invalid_query', `limit must be an integer from 1 to ${KNOWLEDGE_LIMITS.maxHits}`, {
      field: 'limit',
    });
  const sources = query.sources ?? [...KNOWLEDGE_SOURCES];
  for (const source of sources)
    if (!KNOWLEDGE_SOURCES.includes(source))
      throw new UserError('invalid_query', `unknown source ${String(source)}`, { field: 'sources' });
  return { query: text, sources, limit };
}

/**
 * Semantic search over the workspace's knowledge (services/src/ai/knowledge/knowledge-search.ts):
 * the query embedded by `embedQuery`, ranked exactly against the vectors of the same model in
 * PostgreSQL (pgvector where the server has it, a scan otherwise: data/src/knowledge), tenant-
 * and, with `visibleTo`, ownership-scoped.
 */
export function createKnowledgeSearch(deps: { db: DataSource; embedQuery: EmbedQuery }): KnowledgeSearch {
  return {
    async search(query: KnowledgeQuery): Promise<KnowledgeHit[]> {
      const { query: text, sources, limit } = checkedKnowledgeQuery(query);
      const { model, vector } = await deps.embedQuery(text);
      const ranked = await nearestVectors(
        deps.db,
        {
          tenantId: query.tenantId,
          model,
          sources,
          ...(query.contactId ? { contactId: query.contactId } : {}),
          ...(query.visibleTo ? { visibleTo: query.visibleTo } : {}),
        },
        vector,
        limit,
      );
      return knowledgeHitsOf(deps.db, query.tenantId, ranked);
    },
  };
}
