import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dot, EMBEDDING_DIMENSIONS } from '@cadenza/services/ai';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { closeLocalEmbedder, createEmbedder } from './embedder-switch';
import { loadAiEnv } from './chat-model-switch';

/**
 * The converted all-MiniLM-L6-v2 GGUF (setup's conversion) run by node-llama-cpp, against reference vectors from a
 * numpy forward pass of the original safetensors (activities/embedding/minilm_reference.py, which matches
 * sentence-transformers to 1e-6). A broken conversion (tensor names, vocabulary, special tokens, pooling) or a
 * broken load fails here.
 */
interface Reference {
  sentences: Array<{ text: string; vector: number[] }>;
}
const reference = JSON.parse(readFileSync(path.join(__dirname, 'minilm-reference.json'), 'utf8')) as Reference;
const env = loadAiEnv({ EMBEDDING_PROVIDER: 'local' });
jest.setTimeout(60_000);

afterAll(() => closeLocalEmbedder());

describe('the local embedding model', () => {
  it('matches the reference forward pass for every fixture sentence, unit length, 384 numbers', async () => {
    const { embedder, choice } = createEmbedder(env, harnessEgress);
    expect(choice).toMatchObject({ provider: 'local', model: 'all-MiniLM-L6-v2.f32.gguf' });
    const vectors = await embedder.embed(reference.sentences.map((sentence) => sentence.text));
    vectors.forEach((vector, i) => {
      expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
      expect(dot(vector, vector)).toBeCloseTo(1, 4);
      expect(dot(vector, reference.sentences[i]!.vector)).toBeGreaterThanOrEqual(0.99);
    });
  });

  it('puts paraphrases closer than unrelated replies', async () => {
    const { embedder } = createEmbedder(env, harnessEgress);
    const [meeting, meetingAgain, unsubscribe, unsubscribeAgain, outOfOffice] = await embedder.embed(
      reference.sentences.slice(0, 5).map((sentence) => sentence.text),
    );
    expect(dot(meeting!, meetingAgain!)).toBeGreaterThan(dot(meeting!, unsubscribe!) + 0.2);
    expect(dot(unsubscribe!, unsubscribeAgain!)).toBeGreaterThan(dot(unsubscribe!, outOfOffice!) + 0.2);
  });

  it('embeds an empty text and one past the 256-token window', async () => {
    const { embedder } = createEmbedder(env, harnessEgress);
    const long = 'The renewal terms were discussed at length. '.repeat(60);
    const [empty, truncated] = await embedder.embed(['', long]);
    expect(dot(empty!, empty!)).toBeCloseTo(1, 4);
    expect(dot(truncated!, truncated!)).toBeCloseTo(1, 4);
    expect(await embedder.embed([])).toEqual([]);
  });
});
