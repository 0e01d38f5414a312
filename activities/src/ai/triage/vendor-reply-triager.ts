import type { ReplyTriager } from '@cadenza/services/ai';
import { triageReplyWithModel, type ChatModelSource } from '../ai-steps';

/**
 * The vendor path of reply triage: a chat model (OpenAI when configured) asked for a JSON intent
 * and confidence. `model` is known from configuration before any call (`openai:gpt-4o-mini`).
 */
export function createVendorReplyTriager(chatModel: ChatModelSource, model: string): ReplyTriager {
  return {
    model,
    async triage(request) {
      return (await triageReplyWithModel(await chatModel(), request)).triage;
    },
  };
}
