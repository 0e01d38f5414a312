import type { BaseMessage } from '@langchain/core/messages';
import { callCostMicroUsd, priceOf } from '@cadenza/core';
import type { ChatModelChoice } from './chat-model-switch';
import { recordLlmTokens } from '../llm-token-meter';
import { egressRefusalIn } from '@cadenza/services/net';

export interface ChatCall {
  text: string;
  /** The calls the model chose, when it was offered tools (OpenAI tool calling). */
  toolCalls: Array<{ id?: string; name: string; args: Record<string, unknown> }>;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
}

/**
 * Calls the chosen chat model with a token cap and, optionally, a JSON schema the reply must follow:
 * a grammar on the local model, `response_format: json_schema` on OpenAI-compatible servers.
 */
export async function callChatModel(
  choice: ChatModelChoice,
  messages: BaseMessage[],
  options: {
    maxTokens: number;
    jsonSchema?: Record<string, unknown>;
    /** Local model only: continue the prompt as a document up to a stop sequence (see LocalChatModel). */
    completion?: { stop: string[]; seed?: number; temperature?: number };
    /** OpenAI-compatible servers only: tools the model may call (chat-completions `tools`), one call per reply. */
    tools?: Array<{ type: 'function'; function: { name: string; description: string; parameters: object } }>;
  },
): Promise<ChatCall> {
  const callOptions: Record<string, unknown> = { maxTokens: options.maxTokens };
  if (options.completion && choice.active.provider === 'local') callOptions.completion = options.completion;
  if (options.tools && choice.active.provider !== 'local') {
    callOptions.tools = options.tools;
    callOptions.parallel_tool_calls = false;
  }
  if (options.jsonSchema) {
    if (choice.active.provider === 'local') callOptions.jsonSchema = options.jsonSchema;
    else
      callOptions.response_format = {
        type: 'json_schema',
        json_schema: { name: 'output', schema: options.jsonSchema, strict: true },
      };
  }
  // A tenant over its token budget is refused before any token is paid for.
  await choice.meter?.beforeCall();
  const started = Date.now();
  // The vendor SDK wraps a refused connection as its own "connection error"; unwrapped, the
  // refusal stays non-retryable and names the rule.
  const reply = await choice.chat.invoke(messages, callOptions).catch((error: unknown) => {
    throw egressRefusalIn(error) ?? error;
  });
  const latencyMs = Date.now() - started;
  const call = {
    text: reply.text,
    toolCalls: (reply.tool_calls ?? []).map((call) => ({
      ...(call.id ? { id: call.id } : {}),
      name: call.name,
      args: call.args,
    })),
    inputTokens: reply.usage_metadata?.input_tokens ?? 0,
    outputTokens: reply.usage_metadata?.output_tokens ?? 0,
    latencyMs,
  };
  recordLlmTokens(choice.active.model, call); // the worker's cadenza_llm_tokens_total
  // The cost is counted with the tokens, so the next call's check sees both caps up to date.
  const price = choice.price ?? priceOf(choice.active);
  await choice.meter?.afterCall({
    tokens: call.inputTokens + call.outputTokens,
    costMicroUsd: callCostMicroUsd(price, call.inputTokens, call.outputTokens),
  });
  return call;
}
