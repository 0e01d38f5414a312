import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import path from 'node:path';
import { priceOf, type ActiveModel, type AiEnv, type ModelPrice } from '@cadenza/core';
import type { EgressGuard } from '@cadenza/services/net';
import type { ChatModelSource } from './ai-steps';
import { LocalChatModel } from './local-chat-model';
import { LocalLlamaClient } from './local-llama-client';
import { locateLocalModel } from '@cadenza/services/ai';

import { resolveActiveModel } from '@cadenza/services/ai';

export { loadAiEnv, resolveActiveModel } from '@cadenza/services/ai';

// One local model per process: loading costs seconds and hundreds of MB, so every step shares it.
let localClient: { key: string; client: LocalLlamaClient } | undefined;

export async function localLlamaClient(env: AiEnv): Promise<LocalLlamaClient> {
  const modelPath = await locateLocalModel({ override: env.LLM_MODEL_PATH });
  const key = `${modelPath}|${env.LLM_THREADS}|${env.LLM_CONTEXT_SIZE}`;
  if (localClient?.key !== key) {
    await localClient?.client.close();
    localClient = {
      key,
      client: new LocalLlamaClient({ modelPath, threads: env.LLM_THREADS, contextSize: env.LLM_CONTEXT_SIZE }),
    };
  }
  return localClient.client;
}

/** Stops the local model host (worker shutdown, end of a test file). */
export async function closeLocalModel(): Promise<void> {
  const current = localClient;
  localClient = undefined;
  await current?.client.close();
}

/** Counts a tenant's model calls against its token and cost budgets (see token-meter.ts). */
export interface ChatMeter {
  /** Throws when a budget is spent, before any token is paid for. */
  beforeCall(): Promise<void>;
  afterCall(usage: { tokens: number; costMicroUsd: number }): Promise<void>;
}

export interface ChatModelChoice {
  chat: BaseChatModel;
  active: ActiveModel;
  /** What the model charges; without it the built-in price of `active` applies (see priceOf). */
  price?: ModelPrice;
  meter?: ChatMeter;
}

/** The operator's price override from AI_PRICE_*_PER_MTOK, when both are set. */
export const priceOverride = (env: AiEnv): ModelPrice | undefined =>
  env.AI_PRICE_INPUT_PER_MTOK === undefined || env.AI_PRICE_OUTPUT_PER_MTOK === undefined
    ? undefined
    : { inputPerMTok: env.AI_PRICE_INPUT_PER_MTOK, outputPerMTok: env.AI_PRICE_OUTPUT_PER_MTOK };

/** The chat model for AI steps: OpenAI (or any compatible server) when configured, else the local GGUF model. */
export async function createChatModel(
  env: AiEnv,
  egress: EgressGuard,
  options: { model?: string } = {},
): Promise<ChatModelChoice> {
  const active = resolveActiveModel(env);
  if (active.provider === 'openai') {
    const model = options.model ?? active.model;
    const chat = new ChatOpenAI({
      model,
      apiKey: env.OPENAI_API_KEY,
      temperature: 0,
      // Temporal retries the activity; retrying inside it too would multiply the wait.
      maxRetries: 0,
      // Through the egress guard like every outbound call: OPENAI_BASE_URL may point anywhere.
      configuration: {
        fetch: egress.fetch as typeof fetch,
        ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
      },
    });
    const modelActive = { ...active, model };
    return { chat, active: modelActive, price: priceOf(modelActive, priceOverride(env)) };
  }
  const client = await localLlamaClient(env);
  // A step's `model` names a vendor model; the local provider has exactly one, so it is ignored here.
  return { chat: new LocalChatModel(client), active: { ...active, model: path.basename(client.modelPath) } };
}

/** The model source of a process's parsed LLM settings: an AI step asks it for a named vendor model or the default. */
export const chatModelSourceOf =
  (env: AiEnv, egress: EgressGuard): ChatModelSource =>
  (model) =>
    createChatModel(env, egress, model ? { model } : {});
