import { createLocalReplyTriager, resolveEmbeddingModel, type ReplyTriager } from '@cadenza/services/ai';
import type { ActivitySettings } from '../../activity-settings';
import { createEmbedder } from '../../ai/embedder-switch';
import type { ReplyTriagerSource } from './read-reply';

/**
 * The flows' reply triager, built on first use (the local embedding host starts only when a
 * reply is read): the offline classifier over the local embedder. With a vendor embedder
 * configured the committed model cannot read its vectors (another model's 384 numbers), so the
 * flows read nothing until the vendor triager is wired here (issue 22, the triage part); runs
 * then follow their flow's rules as before triage.
 */
export function workerReplyTriager(settings: Pick<ActivitySettings, 'ai' | 'egress'>): ReplyTriagerSource {
  let triager: ReplyTriager | null | undefined;
  return async () => {
    if (triager !== undefined) return triager;
    if (resolveEmbeddingModel(settings.ai).provider !== 'local') return (triager = null);
    return (triager = createLocalReplyTriager(createEmbedder(settings.ai, settings.egress).embedder));
  };
}
