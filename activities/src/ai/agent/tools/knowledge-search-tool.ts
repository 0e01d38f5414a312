import { z } from 'zod';
import { AgentToolInputError, type ReadTool } from './agent-tool';

const KnowledgeSearchInput = z.object({
  query: z.string().trim().min(2).max(500).describe('What to look for, in plain words'),
  limit: z.number().int().min(1).max(10).default(5).describe('How many passages to return, best first'),
});

/** A passage is cut so the trace and the model's context stay small. */
const PASSAGE_CHARS = 600;

/**
 * knowledge_search: semantic search over the workspace's documents and snippets and this
 * contact's notes and timeline (KnowledgeSearch; another contact's notes never match).
 */
export const knowledgeSearchTool: ReadTool<typeof KnowledgeSearchInput, 'knowledge_search'> = {
  name: 'knowledge_search',
  kind: 'read',
  description:
    "Searches the workspace's knowledge base (documents, snippets) and this contact's notes and timeline by meaning.",
  input: KnowledgeSearchInput,
  async read({ query, limit }, { knowledge, tenantId, contactId }) {
    // A worker without the search cannot answer on a retry either: the agent is told, and goes on.
    if (!knowledge) throw new AgentToolInputError('knowledge search is not available in this worker');
    const hits = await knowledge.search({ tenantId, query, contactId, limit });
    return {
      hits: hits.map((hit) => ({
        source: hit.source,
        title: hit.title,
        text: hit.text.length > PASSAGE_CHARS ? `${hit.text.slice(0, PASSAGE_CHARS)}…` : hit.text,
        score: Math.round(hit.score * 1000) / 1000,
      })),
    };
  },
};
