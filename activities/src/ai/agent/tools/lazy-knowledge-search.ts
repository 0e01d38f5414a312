import type { KnowledgeSearch } from '@cadenza/services/ai';
import { AgentToolInputError } from './agent-tool';

/**
 * The worker's knowledge search, built on its first search: a worker boots (and runs every other
 * step) without touching the embedding model, and one whose model cannot be found answers the
 * agent's knowledge_search "not available, because …" (the agent reads it and goes on).
 */
export function lazyKnowledgeSearch(build: () => KnowledgeSearch): KnowledgeSearch {
  let built: KnowledgeSearch | undefined;
  return {
    search(query) {
      if (!built) {
        try {
          built = build();
        } catch (error) {
          throw new AgentToolInputError(`knowledge search is not available: ${(error as Error).message}`);
        }
      }
      return built.search(query);
    },
  };
}
