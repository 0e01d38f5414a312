import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import path from 'node:path';
import {
  ConfigError,
  aiEnvSchema,
  parseEnv,
  priceOf,
  type ActiveModel,
  type AiEnv,
  type ModelPrice,
} from '@cadenza/core';
import { egressGuardFromEnv } from '../net';
import type { ChatModelSource } from './ai-steps';
import { LocalChatModel } from './local-chat-model';
import { LocalLlamaClient } from './local-llama-client';
import { LOCAL_MODEL_FILE, locateLocalModel } from './local-model-path';

export const loadAiEnv = (env: Record<string, string | undefined> = process.env): AiEnv =>
  parseEnv('ai', aiEnvSchema, env);

/** Whether an optional npm package can be loaded (Anthropic and Ollama clients are not installed by default). */
const installed = (name: string) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};

/**
 * Which provider serves the AI steps, and why. Pure: reads only the config, loads nothing, so the API can
 * answer GET /ai/model without starting a model.
 */
export function resolveActiveModel(env: AiEnv, isInstalled: (name: string) => boolean = installed): ActiveModel {
  const wanted = env.LLM_PROVIDER === 'auto' ? (env.OPENAI_API_KEY ? 'openai' : 'local') : env.LLM_PROVIDER;
  const note =
    env.LLM_PROVIDER === 'auto'
      ? `auto: ${env.OPENAI_API_KEY ? 'OPENAI_API_KEY is set' : 'no vendor key set'}`
      : 'LLM_PROVIDER';
  if (wanted === 'openai') {
    if (!env.OPENAI_API_KEY) throw new ConfigError('ai', ['OPENAI_API_KEY: required when LLM_PROVIDER=openai']);
    return {
      provider: 'openai',
      model: env.OPENAI_MODEL,
      ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}),
      note,
    };
  }
  if (wanted === 'anthropic' || wanted === 'ollama') {
    const pkg = wanted === 'anthropic' ? '@langchain/anthropic' : '@langchain/ollama';
    // Not installed in this build; failing at boot beats failing at the first AI step of a run.
    if (!isInstalled(pkg))
      throw new ConfigError('ai', [`LLM_PROVIDER: ${wanted} needs the npm package ${pkg}, which is not installed`]);
    throw new ConfigError('ai', [
      `LLM_PROVIDER: ${wanted} is not wired yet; use openai (any compatible server) or local`,
    ]);
  }
  return {
    provider: 'local',
    model: env.LLM_MODEL_PATH ? path.basename(env.LLM_MODEL_PATH) : LOCAL_MODEL_FILE,
    note,
  };
}

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
export async function createChatModel(env: AiEnv, options: { model?: string } = {}): Promise<ChatModelChoice> {
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
        fetch: egressGuardFromEnv().fetch as typeof fetch,
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
  (env: AiEnv): ChatModelSource =>
  (model) =>
    createChatModel(env, model ? { model } : {});
