import { z } from 'zod';

/** Which chat model backs the AI steps. `auto` picks the first configured vendor, else the local model. */
export const LlmProviderSchema = z.enum(['auto', 'openai', 'anthropic', 'ollama', 'local']);
export type LlmProvider = z.infer<typeof LlmProviderSchema>;

/** A vendor price from the environment: USD per 1M tokens, a plain non-negative number. */
const pricePerMTok = z.coerce.number().min(0).max(10_000).optional();

const aiEnvFields = z.object({
  LLM_PROVIDER: LlmProviderSchema.default('auto').describe(
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
  EMBEDDING_PROVIDER: z
    .enum(['auto', 'openai', 'local'])
    .default('auto')
    .describe('Sentence embeddings: auto (OpenAI if OPENAI_API_KEY is set, else local MiniLM), openai or local'),
  OPENAI_EMBEDDING_MODEL: z
    .string()
    .min(1)
    .default('text-embedding-3-small')
    .describe('OpenAI embedding model id (asked for 384 dimensions, like the local model)'),
  EMBEDDING_MODEL_PATH: z
    .string()
    .min(1)
    .optional()
    .describe('Local embedding GGUF (BERT); default: all-MiniLM-L6-v2 converted into .venv by setup'),
  AI_PRICE_INPUT_PER_MTOK: pricePerMTok.describe(
    'USD per 1M prompt tokens of the vendor model, for the daily cost budget; overrides the built-in list price (set with AI_PRICE_OUTPUT_PER_MTOK)',
  ),
  AI_PRICE_OUTPUT_PER_MTOK: pricePerMTok.describe(
    'USD per 1M generated tokens of the vendor model, for the daily cost budget (set with AI_PRICE_INPUT_PER_MTOK)',
  ),
});

/** Environment of any process that calls a language model (worker, API for GET /ai/model). */
export const AiEnvSchema = aiEnvFields.superRefine(requireBothAiPrices);
export type AiEnv = z.infer<typeof AiEnvSchema>;

/**
 * Half a price would silently bill one side at zero; refuse it at boot, naming the missing variable.
 * A process tree that spreads `AiEnvSchema.shape` loses this check, so it applies it again.
 */
export function requireBothAiPrices(
  env: Pick<z.infer<typeof aiEnvFields>, 'AI_PRICE_INPUT_PER_MTOK' | 'AI_PRICE_OUTPUT_PER_MTOK'>,
  ctx: z.RefinementCtx,
): void {
  const input = env.AI_PRICE_INPUT_PER_MTOK !== undefined;
  if (input === (env.AI_PRICE_OUTPUT_PER_MTOK !== undefined)) return;
  const missing = input ? 'AI_PRICE_OUTPUT_PER_MTOK' : 'AI_PRICE_INPUT_PER_MTOK';
  const other = input ? 'AI_PRICE_INPUT_PER_MTOK' : 'AI_PRICE_OUTPUT_PER_MTOK';
  ctx.addIssue({ code: 'custom', path: [missing], message: `required when ${other} is set` });
}

/** What GET /api/v1/ai/model answers. */
export const ActiveModelSchema = z.object({
  provider: z.enum(['openai', 'anthropic', 'ollama', 'local']).describe('Provider serving the AI steps'),
  model: z.string().describe('Model id (for the local provider, the GGUF file name)'),
  baseUrl: z.string().optional().describe('Endpoint, for OpenAI-compatible servers'),
  note: z.string().optional().describe('Why this provider was chosen'),
});
export type ActiveModel = z.infer<typeof ActiveModelSchema>;
