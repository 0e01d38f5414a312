import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPLY_INTENTS, type ReplyIntent } from '@cadenza/core';
import { LEXICAL_FEATURE_NAMES } from './reply-features';
import { predictIntent, readReplyTriageModel } from './reply-triage-model';
import { accuracyOf, trainReplyTriageModel } from './train-reply-triage-model';

/** One well-separated cluster per intent in a small space shaped like the real features. */
function toyFeatures(perIntent: number, seed: number) {
  const width = 6 + LEXICAL_FEATURE_NAMES.length;
  const rows: number[][] = [];
  const intents: ReplyIntent[] = [];
  REPLY_INTENTS.forEach((intent, k) => {
    for (let i = 0; i < perIntent; i++) {
      const row = Array.from({ length: width }, (_, j) => Math.sin(seed + i * 13 + j * 7) * 0.2);
      row[k % 6]! += 3;
      row[6 + (k % LEXICAL_FEATURE_NAMES.length)]! += k >= 6 ? 3 : 0; // the last intents differ in a lexical feature
      rows.push(row);
      intents.push(intent);
    }
  });
  return { rows, intents };
}

describe('trainReplyTriageModel', () => {
  const train = toyFeatures(10, 1);
  const dev = toyFeatures(4, 2);
  const model = trainReplyTriageModel({
    name: 'toy',
    embedder: 'local:toy.gguf',
    train,
    dev,
    training: { l2: 1e-3, epochs: 300, learningRate: 0.05 },
    lexicalBoost: 2,
    trainedAt: new Date('2026-12-07T00:00:00Z'),
  });

  it('learns a separable set and reports its dev accuracy per intent', () => {
    expect(model.training.devAccuracy).toBe(1);
    expect(accuracyOf(model, train).accuracy).toBe(1);
    expect(Object.keys(model.training.devPerIntent).sort()).toEqual([...REPLY_INTENTS].sort());
    expect(predictIntent(model, dev.rows[0]!).confidence).toBeGreaterThan(0.6);
  });

  it('names its version by what decides its answers: the same training gives the same version', () => {
    const again = trainReplyTriageModel({
      name: 'toy',
      embedder: 'local:toy.gguf',
      train,
      dev,
      training: { l2: 1e-3, epochs: 300, learningRate: 0.05 },
      lexicalBoost: 2,
      trainedAt: new Date('2027-01-01T00:00:00Z'),
    });
    expect(again.version).toBe(model.version);
    expect(model.version).toMatch(/^[0-9a-f]{8}$/);
  });

  it('is read back whole, and a file whose weights were edited is refused', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-model-'));
    const file = path.join(dir, 'toy.json');
    writeFileSync(file, JSON.stringify(model));
    expect(readReplyTriageModel(file)).toEqual(model);
    writeFileSync(file, JSON.stringify({ ...model, bias: model.bias.map((b) => b + 1) }));
    expect(() => readReplyTriageModel(file)).toThrow(/hashes to/);
  });

  it('refuses a lexical boost that is not positive', () => {
    expect(() =>
      trainReplyTriageModel({
        name: 'toy',
        embedder: 'e',
        train,
        dev,
        training: { l2: 0, epochs: 1, learningRate: 0.1 },
        lexicalBoost: 0,
      }),
    ).toThrow(/lexicalBoost/);
  });
});
