import type { AiEnv } from '@cadenza/core';
import { createLocalReplyTriager, resolveActiveModel, type ReplyTriager } from '@cadenza/services/ai';
import type { EgressGuard } from '@cadenza/services/net';
import type { ChatModelSource } from '../ai-steps';
import { chatModelSourceOf } from '../chat-model-switch';
import { createEmbedder } from '../embedder-switch';
import { createVendorReplyTriager } from './vendor-reply-triager';

/** Which triager answers, from configuration alone: `openai` with a vendor key, otherwise the offline classifier. */
export const replyTriageProvider = (env: AiEnv): 'openai' | 'local' =>
  resolveActiveModel(env).provider === 'openai' ? 'openai' : 'local';

/**
 * The reply triager for this configuration. With an OpenAI key the vendor chat model answers
 * (through `chatModel`, which the activity meters against the tenant's budget); otherwise the
 * committed offline classifier with the local MiniLM embedder, whatever EMBEDDING_PROVIDER says
 * for search: the model's weights only fit the vectors it was trained on.
 */
export function createReplyTriager(
  env: AiEnv,
  egress: EgressGuard,
  options: { chatModel?: ChatModelSource } = {},
): ReplyTriager {
  if (replyTriageProvider(env) === 'openai') {
    const active = resolveActiveModel(env);
    return createVendorReplyTriager(
      options.chatModel ?? chatModelSourceOf(env, egress),
      `${active.provider}:${active.model}`,
    );
  }
  const { embedder } = createEmbedder({ ...env, EMBEDDING_PROVIDER: 'local' }, egress);
  return createLocalReplyTriager(embedder);
}
