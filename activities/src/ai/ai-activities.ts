import type { ReplyLabel, LlmUsage } from '@cadenza/core';
import { classifyReply, type ChatModelSource } from './ai-steps';
import { createChatModel, loadAiEnv } from './chat-model-switch';

/** AI activities that are not flow actions: a workflow calls them to decide a branch. */
export function createAiActivities(deps: { chatModel?: ChatModelSource } = {}) {
  const chatModel: ChatModelSource =
    deps.chatModel ?? ((model) => createChatModel(loadAiEnv(), model ? { model } : {}));
  return {
    /** Reads an inbound reply and answers one label; no side effect, so a retry simply asks again. */
    async aiClassifyReply(input: { tenantId: string; text: string }): Promise<{ label: ReplyLabel } & LlmUsage> {
      const { raw: _raw, attempts: _attempts, ...result } = await classifyReply(await chatModel(), input.text);
      return result;
    },
  };
}
