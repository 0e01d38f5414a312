import path from 'node:path';
import { ConfigError, type AiEnv } from '@cadenza/core';
import { EMBEDDING_MODEL_FILE } from './embedding-model-path';

export interface EmbeddingChoice {
  provider: 'openai' | 'local';
  /** The OpenAI model id, or the local GGUF file name. */
  model: string;
  baseUrl?: string;
  note: string;
}

/**
 * Which provider computes embeddings, decided at boot from config alone (like resolveActiveModel for chat):
 * OpenAI when EMBEDDING_PROVIDER=openai, or auto with OPENAI_API_KEY set; otherwise the local MiniLM model.
 */
export function resolveEmbeddingModel(env: AiEnv): EmbeddingChoice {
  const auto = env.EMBEDDING_PROVIDER === 'auto';
  const wanted = auto ? (env.OPENAI_API_KEY ? 'openai' : 'local') : env.EMBEDDING_PROVIDER;
  const note = auto
    ? `auto: ${env.OPENAI_API_KEY ? 'OPENAI_API_KEY is set' : 'no vendor key set'}`
    : 'EMBEDDING_PROVIDER';
  if (wanted === 'openai') {
    if (!env.OPENAI_API_KEY) throw new ConfigError('ai', ['OPENAI_API_KEY: required when EMBEDDING_PROVIDER=openai']);
    return {
      provider: 'openai',
      model: env.OPENAI_EMBEDDING_MODEL,
      ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}),
      note,
    };
  }
  return {
    provider: 'local',
    model: env.EMBEDDING_MODEL_PATH ? path.basename(env.EMBEDDING_MODEL_PATH) : EMBEDDING_MODEL_FILE,
    note,
  };
}
