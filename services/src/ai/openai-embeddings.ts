import type { EgressFetch } from '../net';
import { batchesOf, checkEmbeddings, EMBEDDING_DIMENSIONS, normalise, type Embedder } from './embeddings';

/** OpenAI takes up to 2048 inputs a request; smaller batches keep a failed request cheap to retry. */
const OPENAI_BATCH = 256;

export interface OpenAiEmbedderOptions {
  apiKey: string;
  model: string;
  /** Default https://api.openai.com/v1; any server speaking the same wire format. */
  baseUrl?: string;
  /** Through the egress guard, like every outbound call: OPENAI_BASE_URL may point anywhere. */
  fetch: EgressFetch;
}

interface EmbeddingsResponse {
  data?: Array<{ index?: number; embedding?: unknown }>;
}

/** Reads /v1/embeddings' answer, in input order (it carries an index per item). */
export function parseEmbeddingsResponse(body: EmbeddingsResponse, count: number): Float32Array[] {
  if (!Array.isArray(body.data)) throw new Error('OpenAI embeddings: the answer has no data array');
  const vectors: Float32Array[] = new Array(count);
  body.data.forEach((item, position) => {
    const index = item.index ?? position;
    if (!Array.isArray(item.embedding) || item.embedding.some((value) => typeof value !== 'number'))
      throw new Error(`OpenAI embeddings: data[${position}].embedding is not an array of numbers`);
    if (!Number.isInteger(index) || index < 0 || index >= count)
      throw new Error(`OpenAI embeddings: data[${position}].index ${index} is out of range`);
    vectors[index] = normalise(item.embedding as number[]);
  });
  if (vectors.filter(Boolean).length !== count) throw new Error(`OpenAI embeddings: expected ${count} embeddings`);
  return vectors;
}

/** text-embedding-3-* at 384 dimensions, so its vectors have the local model's shape. */
export class OpenAiEmbedder implements Embedder {
  readonly model: string;
  private readonly url: string;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.model = `openai:${options.model}`;
    this.url = `${(options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/embeddings`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const batch of batchesOf(texts, OPENAI_BATCH)) out.push(...(await this.request(batch)));
    return checkEmbeddings(texts, out, this.model);
  }

  private async request(input: string[]): Promise<Float32Array[]> {
    const response = await this.options.fetch(this.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: this.options.model,
        input,
        dimensions: EMBEDDING_DIMENSIONS,
        encoding_format: 'float',
      }),
    });
    if (!response.ok) {
      // The body may echo the request; only its first characters, never the key, reach an error.
      const detail = (await response.text()).slice(0, 200);
      throw new Error(`OpenAI embeddings: HTTP ${response.status}: ${detail}`);
    }
    return parseEmbeddingsResponse((await response.json()) as EmbeddingsResponse, input.length);
  }
}
