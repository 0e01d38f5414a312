/**
 * Sentence embeddings, whoever computes them: the local MiniLM model (activities/src/ai/local-embedder.ts) or
 * OpenAI (./openai-embeddings.ts). Both answer unit-length vectors of EMBEDDING_DIMENSIONS numbers, so a
 * dot product is the cosine similarity and a classifier trained on one provider's vectors keeps its shape.
 */
export interface Embedder {
  /** Provider and model, e.g. `local:all-MiniLM-L6-v2.f32.gguf` or `openai:text-embedding-3-small`. */
  readonly model: string;
  /** One unit-length vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** all-MiniLM-L6-v2's width; OpenAI's text-embedding-3 models are asked for the same with `dimensions`. */
export const EMBEDDING_DIMENSIONS = 384;

/** Scales a vector to unit length (a zero vector stays zero rather than turning into NaN). */
export function normalise(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = norm === 0 ? 0 : vector[i]! / norm;
  return out;
}

/** The dot product; for unit vectors, the cosine similarity. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vectors differ in length: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Splits work into batches of at most `size`, in order. */
export function batchesOf<T>(items: T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** Checks what a provider answered before anything downstream trusts its shape. */
export function checkEmbeddings(texts: string[], vectors: Float32Array[], model: string): Float32Array[] {
  if (vectors.length !== texts.length)
    throw new Error(`${model} answered ${vectors.length} embeddings for ${texts.length} texts`);
  for (const vector of vectors)
    if (vector.length !== EMBEDDING_DIMENSIONS)
      throw new Error(`${model} answered a ${vector.length}-dimensional embedding, expected ${EMBEDDING_DIMENSIONS}`);
  return vectors;
}
