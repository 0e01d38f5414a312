import { REPLY_INTENTS, type ReplyIntent } from '@cadenza/core';
import { LEXICAL_FEATURE_NAMES } from './reply-features';
import { predictIntent, standardisation, versionOf, type ReplyTriageModel } from './reply-triage-model';
import { trainSoftmax, type SoftmaxTraining } from './softmax-regression';

export interface LabelledFeatures {
  rows: number[][];
  intents: ReplyIntent[];
}

/** Share of replies whose predicted intent is the labelled one, overall and per labelled intent. */
export function accuracyOf(
  model: ReplyTriageModel,
  set: LabelledFeatures,
): { accuracy: number; perIntent: Record<string, number> } {
  const hits: Record<string, [number, number]> = {};
  let right = 0;
  set.rows.forEach((row, i) => {
    const expected = set.intents[i]!;
    const ok = predictIntent(model, row).intent === expected;
    if (ok) right++;
    const tally = (hits[expected] ??= [0, 0]);
    tally[0] += ok ? 1 : 0;
    tally[1] += 1;
  });
  const perIntent = Object.fromEntries(Object.entries(hits).map(([intent, [ok, all]]) => [intent, ok / all]));
  return { accuracy: set.rows.length ? right / set.rows.length : 0, perIntent };
}

/** Trains one model on the train features with the given settings; dev figures go on the model. */
export function trainReplyTriageModel(options: {
  name: string;
  embedder: string;
  train: LabelledFeatures;
  dev: LabelledFeatures;
  training: SoftmaxTraining;
  /**
   * How much louder the lexical features speak than one embedding dimension after standardising
   * (folded into their scale): 384 dimensions share the weight decay with a handful of cues.
   */
  lexicalBoost: number;
  trainedAt?: Date;
}): ReplyTriageModel {
  if (!(options.lexicalBoost > 0)) throw new Error(`lexicalBoost must be positive, got ${options.lexicalBoost}`);
  const standard = standardisation(options.train.rows);
  const mean = standard.mean;
  const firstLexical = mean.length - LEXICAL_FEATURE_NAMES.length;
  const scale = standard.scale.map((s, j) => (j >= firstLexical ? s / options.lexicalBoost : s));
  const xs = options.train.rows.map((row) => row.map((value, j) => (value - mean[j]!) / scale[j]!));
  const ys = options.train.intents.map((intent) => REPLY_INTENTS.indexOf(intent));
  const fitted = trainSoftmax(xs, ys, REPLY_INTENTS.length, options.training);
  const round = (n: number) => Math.round(n * 1e6) / 1e6; // six digits keep the file small and the answers the same
  const decisive = {
    format: 'cadenza-reply-triage/1' as const,
    name: options.name,
    embedder: options.embedder,
    intents: [...REPLY_INTENTS],
    lexicalFeatures: [...LEXICAL_FEATURE_NAMES],
    mean: mean.map(round),
    scale: scale.map(round),
    weights: fitted.weights.map((row) => row.map(round)),
    bias: fitted.bias.map(round),
  };
  const unscored: ReplyTriageModel = {
    ...decisive,
    version: versionOf(decisive),
    training: {
      trainedAt: (options.trainedAt ?? new Date()).toISOString(),
      trainReplies: options.train.rows.length,
      devReplies: options.dev.rows.length,
      devAccuracy: 0,
      devPerIntent: {},
      hyperparameters: { ...options.training, lexicalBoost: options.lexicalBoost },
    },
  };
  const dev = accuracyOf(unscored, options.dev);
  return { ...unscored, training: { ...unscored.training, devAccuracy: dev.accuracy, devPerIntent: dev.perIntent } };
}
