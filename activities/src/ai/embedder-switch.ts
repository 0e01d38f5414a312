import type { AiEnv } from '@cadenza/core';
import type { EgressGuard } from '@cadenza/services/net';
import {
  locateEmbeddingModel,
  OpenAiEmbedder,
  resolveEmbeddingModel,
  type Embedder,
  type EmbeddingChoice,
} from '@cadenza/services/ai';
import { LocalEmbedder } from './local-embedder';

// One local embedding host per process: the model is 90 MB and loads in about a second; every caller shares it.
let localEmbedder: { key: string; embedder: LocalEmbedder } | undefined;

function sharedLocalEmbedder(env: AiEnv): LocalEmbedder {
  const modelPath = locateEmbeddingModel({ override: env.EMBEDDING_MODEL_PATH });
  const key = `${modelPath}|${env.LLM_THREADS}`;
  if (localEmbedder?.key !== key) {
    void localEmbedder?.embedder.close();
    localEmbedder = { key, embedder: new LocalEmbedder({ modelPath, threads: env.LLM_THREADS }) };
  }
  return localEmbedder.embedder;
}

/** Stops the local embedding host (worker shutdown, end of a test file). */
export async function closeLocalEmbedder(): Promise<void> {
  const current = localEmbedder;
  localEmbedder = undefined;
  await current?.embedder.close();
}

/** The embedder chosen from config (resolveEmbeddingModel): OpenAI through the egress guard, or the local model. */
export function createEmbedder(env: AiEnv, egress: EgressGuard): { embedder: Embedder; choice: EmbeddingChoice } {
  const choice = resolveEmbeddingModel(env);
  if (choice.provider === 'openai')
    return {
      choice,
      embedder: new OpenAiEmbedder({
        apiKey: env.OPENAI_API_KEY!,
        model: choice.model,
        ...(choice.baseUrl ? { baseUrl: choice.baseUrl } : {}),
        fetch: egress.fetch,
      }),
    };
  return { choice, embedder: sharedLocalEmbedder(env) };
}
