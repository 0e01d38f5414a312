/**
 * Semantic search over a workspace's knowledge: uploaded documents and snippets (chunked and
 * embedded), and the notes and timeline entries of its contacts. One interface whatever holds
 * the vectors (pgvector where the server has it, a portable path where it does not), with the
 * same results. Used by the API's search, the contacts search box and the agent's tools.
 *
 * (Interface fixed first so the agent's tools and the search can be built side by side; the
 * implementation lives beside it.)
 */
import type { KnowledgeHit, KnowledgeSource, Principal } from '@cadenza/core';

/** A hit: source, id, contactId, title, text (one chunk), score (cosine similarity, higher is closer). */
export type { KnowledgeHit, KnowledgeSource };

export interface KnowledgeQuery {
  tenantId: string;
  query: string;
  /** Only this contact's notes and timeline (documents still match). */
  contactId?: string;
  sources?: KnowledgeSource[];
  /** At most this many hits, best first (default 10, max 50). */
  limit?: number;
  /**
   * Only what this principal may read of contacts (a sales rep: its own contacts' notes and
   * timeline; documents are the workspace's). Omitted: the whole workspace, for the worker acting
   * for the tenant (an agent's research about one contact).
   */
  visibleTo?: Principal;
}

export interface KnowledgeSearch {
  search(query: KnowledgeQuery): Promise<KnowledgeHit[]>;
}
