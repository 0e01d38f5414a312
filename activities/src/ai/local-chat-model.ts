import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import path from 'node:path';
import type { LocalChatMessage, LocalLlamaClient } from './local-llama-client';

export interface LocalChatModelCallOptions extends BaseChatModelCallOptions {
  /** Upper bound on generated tokens for this call. */
  maxTokens?: number;
  /** Constrains the reply to JSON matching this schema (llama.cpp grammar), so it always parses. */
  jsonSchema?: object;
  /** Plain-document continuation for a base model: the prompt is continued, not answered, up to a stop sequence. */
  completion?: { stop: string[]; seed?: number; temperature?: number };
}

const roleOf = (message: BaseMessage): LocalChatMessage['role'] => {
  const type = message.getType();
  if (type === 'system') return 'system';
  if (type === 'ai') return 'assistant';
  return 'user';
};

/** The local GGUF model as a LangChain chat model, so every step calls providers the same way. */
export class LocalChatModel extends BaseChatModel<LocalChatModelCallOptions> {
  constructor(
    private readonly client: LocalLlamaClient,
    private readonly defaultMaxTokens = 256,
  ) {
    super({});
  }

  get modelName(): string {
    return path.basename(this.client.modelPath);
  }

  _llmType(): string {
    return 'node-llama-cpp';
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const reply = await this.client.generate({
      messages: messages.map((message) => ({ role: roleOf(message), content: message.text })),
      maxTokens: options.maxTokens ?? this.defaultMaxTokens,
      ...(options.jsonSchema ? { jsonSchema: options.jsonSchema } : {}),
      ...(options.completion
        ? {
            completion: { stop: options.completion.stop, seed: options.completion.seed },
            temperature: options.completion.temperature ?? 0,
          }
        : {}),
    });
    const usage = {
      input_tokens: reply.inputTokens,
      output_tokens: reply.outputTokens,
      total_tokens: reply.inputTokens + reply.outputTokens,
    };
    return {
      generations: [
        {
          text: reply.text,
          message: new AIMessage({
            content: reply.text,
            usage_metadata: usage,
            response_metadata: {
              model: this.modelName,
              stopReason: reply.stopReason,
              generationMs: reply.generationMs,
            },
          }),
        },
      ],
      llmOutput: {
        tokenUsage: { promptTokens: reply.inputTokens, completionTokens: reply.outputTokens },
      },
    };
  }
}
