import type { Embedder } from '../embeddings';
import { featureVector } from './reply-features';
import { triageInput } from './reply-text';

/**
 * Feature vectors of many replies in one embed call each batch: what training, the accuracy
 * test and the bench all compute, the same way the triager does for one reply.
 */
export async function replyFeatureVectors(
  embedder: Embedder,
  replies: ReadonlyArray<{ text: string; subject?: string }>,
  batchSize = 32,
): Promise<number[][]> {
  const inputs = replies.map((reply) => triageInput(reply));
  const rows: number[][] = [];
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch = inputs.slice(start, start + batchSize);
    const vectors = await embedder.embed(batch.map((input) => input.body));
    batch.forEach((input, i) => rows.push(featureVector(vectors[i]!, input.body, input.subject)));
  }
  return rows;
}
