import type { DataSource } from 'typeorm';
import { createKnowledgeSearch, embedQueryWith, type KnowledgeSearch } from '@cadenza/services/ai';
import type { ActivitySettings } from '../../activity-settings';
import { createEmbedder } from '../embedder-switch';

/**
 * The knowledge search as activities use it (an agent's research and tools): the query embedded in this
 * process by the configured embedder, taken when the first search runs (the local model's host starts then).
 */
export function workerKnowledgeSearch(
  db: DataSource,
  settings: Pick<ActivitySettings, 'ai' | 'egress'>,
): KnowledgeSearch {
  return createKnowledgeSearch({
    db,
    embedQuery: (text) => embedQueryWith(createEmbedder(settings.ai, settings.egress).embedder)(text),
  });
}
