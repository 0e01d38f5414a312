import { REPLY_INTENTS, type ReplyIntent } from '@cadenza/core';
import {
  createLocalReplyTriager,
  currentReplyTriageModel,
  loadReplySplit,
  type ReplyTriager,
} from '@cadenza/services/ai';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { classificationAccuracy } from '../../../../bench/classification-accuracy';
import { REPLY_CLASSIFICATION_SET } from '../../../../bench/reply-classification-set';
import { loadAiEnv } from '../chat-model-switch';
import { closeLocalEmbedder, createEmbedder } from '../embedder-switch';

/**
 * The committed reply-triage model with the real local embedder (all-MiniLM-L6-v2) over the TEST
 * split, which training never reads (scripts/train-reply-triage.ts tunes on dev). A model, a
 * preprocessing or a feature change that costs accuracy fails here; the per-intent figures are
 * printed for the report.
 */
jest.setTimeout(300_000);

let triager: ReplyTriager;

beforeAll(() => {
  const { embedder } = createEmbedder(loadAiEnv({ EMBEDDING_PROVIDER: 'local' }), harnessEgress);
  triager = createLocalReplyTriager(embedder);
});
afterAll(() => closeLocalEmbedder());

async function measure(
  replies: ReadonlyArray<{ text: string; subject?: string; receivedAt?: string; intent: ReplyIntent }>,
) {
  const pairs: Array<{ expected: ReplyIntent; predicted: ReplyIntent }> = [];
  for (const reply of replies) {
    const { intent: expected, ...request } = reply;
    pairs.push({ expected, predicted: (await triager.triage(request)).intent });
  }
  return classificationAccuracy(pairs);
}

describe('reply triage accuracy (offline model)', () => {
  it('answers at least 85% of the test split right, and every intent at least half of the time', async () => {
    const test = loadReplySplit('test');
    expect(new Set(test.map((reply) => reply.intent))).toEqual(new Set(REPLY_INTENTS));
    const result = await measure(test.map(({ id: _id, ...reply }) => reply));
    console.log(
      `reply triage, ${triager.model}, test split (${result.total} replies): accuracy ${result.accuracy.toFixed(3)}\n` +
        `per intent: ${JSON.stringify(result.perLabel)}\nconfusion: ${JSON.stringify(result.confusion)}`,
    );
    expect(result.accuracy).toBeGreaterThanOrEqual(0.85);
    for (const intent of REPLY_INTENTS) expect(result.perLabel[intent]).toBeGreaterThanOrEqual(0.5);
  });

  it('beats the keyword rules (75%) on the older 36-reply set of the first bench', async () => {
    const result = await measure(REPLY_CLASSIFICATION_SET.map(({ text, label }) => ({ text, intent: label })));
    console.log(
      `reply triage on the 36-reply bench set: accuracy ${result.accuracy.toFixed(3)} ${JSON.stringify(result.perLabel)}`,
    );
    expect(result.accuracy).toBeGreaterThanOrEqual(0.75);
  });

  it('names the model version it answers with, the one committed as current', () => {
    const model = currentReplyTriageModel();
    expect(triager.model).toBe(`${model.name}@${model.version}`);
  });
});
