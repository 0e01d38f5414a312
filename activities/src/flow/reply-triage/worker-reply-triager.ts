import type { ReplyTriager } from '@cadenza/services/ai';
import type { ActivitySettings } from '../../activity-settings';
import type { ChatModelSource } from '../../ai/ai-steps';
import { createReplyTriager } from '../../ai/triage/reply-triager-switch';
import type { ReplyTriagerSource } from './read-reply';

/**
 * The flows' reply triager: the one the API's endpoint uses (createReplyTriager: the vendor
 * model with an OpenAI key, otherwise the offline classifier), built on first use so the local
 * embedding host starts only when a reply is read.
 */
export function workerReplyTriager(
  settings: Pick<ActivitySettings, 'ai' | 'egress'>,
  chatModel: ChatModelSource,
): ReplyTriagerSource {
  let triager: ReplyTriager | undefined;
  return async () => (triager ??= createReplyTriager(settings.ai, settings.egress, { chatModel }));
}
