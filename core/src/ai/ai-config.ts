import { z } from 'zod';

/** Which chat model backs the AI steps. `auto` picks the first configured vendor, else the local model. */
export const llmProviderSchema = z.enum(['auto', 'openai', 'anthropic', 'ollama', 'local']);
export type LlmProvider = z.infer<typeof llmProviderSchema>;

/** Environment of any process that calls a language model (worker, API for GET /ai/model). */
export const aiEnvSchema = z.object({
  LLM_PROVIDER: llmProviderSchema
    .default('auto')
    .describe(
      'Chat model provider: auto (OpenAI if OPENAI_API_KEY is set, else local), openai, anthropic, ollama or local',
    ),
  OPENAI_API_KEY: z.string().min(1).optional().describe('OpenAI API key; selects OpenAI when LLM_PROVIDER=auto'),
  OPENAI_BASE_URL: z.url().optional().describe('OpenAI-compatible endpoint, e.g. https://api.openai.com/v1'),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini').describe('Default OpenAI model id'),
  ANTHROPIC_API_KEY: z.string().min(1).optional().describe('Anthropic API key (needs @langchain/anthropic)'),
  OLLAMA_BASE_URL: z.url().optional().describe('Ollama server URL (needs @langchain/ollama)'),
  LLM_MODEL_PATH: z.string().min(1).optional().describe('Local GGUF model file; default: the one installed in .venv'),
  // One thread: llama.cpp spins its threads, and oversubscribed CPUs make that 20x slower.
  LLM_THREADS: z.coerce.number().int().min(1).max(64).default(1).describe('CPU threads for the local model'),
  LLM_CONTEXT_SIZE: z.coerce
    .number()
    .int()
    .min(256)
    .max(32_768)
    .default(2048)
    .describe('Context window of the local model, in tokens'),
});
export type AiEnv = z.infer<typeof aiEnvSchema>;

/** What GET /api/v1/ai/model answers. */
export const activeModelSchema = z.object({
  provider: z.enum(['openai', 'anthropic', 'ollama', 'local']).describe('Provider serving the AI steps'),
  model: z.string().describe('Model id (for the local provider, the GGUF file name)'),
  baseUrl: z.string().optional().describe('Endpoint, for OpenAI-compatible servers'),
  note: z.string().optional().describe('Why this provider was chosen'),
});
export type ActiveModel = z.infer<typeof activeModelSchema>;
