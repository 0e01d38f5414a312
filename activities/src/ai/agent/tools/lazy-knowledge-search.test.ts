import type { KnowledgeSearch } from '@cadenza/services/ai';
import { AgentToolInputError } from './agent-tool';
import { lazyKnowledgeSearch } from './lazy-knowledge-search';

describe('lazyKnowledgeSearch', () => {
  const query = { tenantId: 't', query: 'pricing' };

  it('builds the search on its first use, once', async () => {
    let builds = 0;
    const real: KnowledgeSearch = {
      search: async (q) => [{ source: 'note', id: q.query, contactId: null, title: '', text: '', score: 1 }],
    };
    const search = lazyKnowledgeSearch(() => {
      builds += 1;
      return real;
    });
    expect(builds).toBe(0);
    expect((await search.search(query))[0]!.id).toBe('pricing');
    await search.search(query);
    expect(builds).toBe(1);
  });

  it('answers "not available" with the reason when it cannot be built', () => {
    const search = lazyKnowledgeSearch(() => {
      throw new Error('no embedding model at /models/minilm.gguf');
    });
    expect(() => search.search(query)).toThrow(AgentToolInputError);
    expect(() => search.search(query)).toThrow(
      'knowledge search is not available: no embedding model at /models/minilm.gguf',
    );
  });
});
