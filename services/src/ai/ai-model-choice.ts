import path from 'node:path';
import { ConfigError, AiEnvSchema, parseEnv, type ActiveModel, type AiEnv } from '@cadenza/core';
import { LOCAL_MODEL_FILE } from './local-model-path';

export const loadAiEnv = (env: Record<string, string | undefined> = process.env): AiEnv =>
  parseEnv('ai', AiEnvSchema, env);

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
