import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPLY_INTENTS, type ReplyIntent } from '@cadenza/core';
import { argmax, softmaxPredict, type SoftmaxModel } from './softmax-regression';

/**
 * A trained reply-triage classifier as committed under models/: the softmax weights over the
 * standardised features, the embedder whose vectors it was trained on, and how it did. Like the
 * lead-scoring versions, a model file is never edited: training writes a new file named by its
 * version (a hash of what decides its answers) and points CURRENT_REPLY_TRIAGE_MODEL at it, so
 * the `model` on an old answer still names the weights that gave it.
 */
export interface ReplyTriageModel {
  format: 'cadenza-reply-triage/1';
  /** Classifier family, e.g. `minilm-logreg`; with the version it makes `model` on every answer. */
  name: string;
  /** First 8 hex digits of the SHA-256 of the fields that decide answers (see versionOf). */
  version: string;
  /** The Embedder.model whose vectors the weights expect, e.g. `local:all-MiniLM-L6-v2.f32.gguf`. */
  embedder: string;
  intents: ReplyIntent[];
  /** Names of the lexical features after the embedding's dimensions. */
  lexicalFeatures: string[];
  /** Standardisation of every feature (embedding dimensions, then lexical), from the train split. */
  mean: number[];
  scale: number[];
  weights: number[][];
  bias: number[];
  training: {
    trainedAt: string;
    trainReplies: number;
    devReplies: number;
    devAccuracy: number;
    devPerIntent: Record<string, number>;
    hyperparameters: Record<string, number>;
  };
}

type Decisive = Pick<
  ReplyTriageModel,
  'format' | 'name' | 'embedder' | 'intents' | 'lexicalFeatures' | 'mean' | 'scale' | 'weights' | 'bias'
>;

/** The version of a model: a hash of everything that decides its answers (not when or how well it trained). */
export function versionOf(model: Decisive): string {
  const { format, name, embedder, intents, lexicalFeatures, mean, scale, weights, bias } = model;
  return createHash('sha256')
    .update(JSON.stringify({ format, name, embedder, intents, lexicalFeatures, mean, scale, weights, bias }))
    .digest('hex')
    .slice(0, 8);
}

export const modelIdOf = (model: Pick<ReplyTriageModel, 'name' | 'version'>) => `${model.name}@${model.version}`;

export const MODELS_DIR = path.join(__dirname, 'models');
export const modelFileOf = (model: Pick<ReplyTriageModel, 'name' | 'version'>) =>
  path.join(MODELS_DIR, `${model.name}-${model.version}.json`);

/** Reads a committed model file and checks it is whole: its version matches its content, the shapes agree. */
export function readReplyTriageModel(file: string): ReplyTriageModel {
  const model = JSON.parse(readFileSync(file, 'utf8')) as ReplyTriageModel;
  if (model.format !== 'cadenza-reply-triage/1')
    throw new Error(`${file}: not a reply-triage model (format ${String(model.format)})`);
  const computed = versionOf(model);
  if (computed !== model.version)
    throw new Error(`${file}: says version ${model.version} but its content hashes to ${computed}`);
  const unknown = model.intents.filter((intent) => !(REPLY_INTENTS as readonly string[]).includes(intent));
  if (unknown.length) throw new Error(`${file}: unknown intents ${unknown.join(', ')}`);
  const width = model.mean.length;
  if (
    model.scale.length !== width ||
    model.weights.some((row) => row.length !== width) ||
    model.weights.length !== model.intents.length
  )
    throw new Error(`${file}: weights, mean and scale disagree in shape`);
  return model;
}

/** Intent probabilities of one raw feature vector (embedding, then lexical features). */
export function predictIntent(
  model: ReplyTriageModel,
  features: readonly number[],
): { intent: ReplyIntent; confidence: number; probabilities: number[] } {
  if (features.length !== model.mean.length)
    throw new Error(`${modelIdOf(model)} expects ${model.mean.length} features, got ${features.length}`);
  const standardised = features.map((value, j) => (value - model.mean[j]!) / model.scale[j]!);
  const probabilities = softmaxPredict(model as SoftmaxModel, standardised);
  const best = argmax(probabilities);
  return { intent: model.intents[best]!, confidence: probabilities[best]!, probabilities };
}

/** Column means and standard deviations (a constant column scales by 1, so it stays 0 after centring). */
export function standardisation(rows: ReadonlyArray<readonly number[]>): { mean: number[]; scale: number[] } {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const row of rows) row.forEach((value, j) => (mean[j]! += value / rows.length));
  for (const row of rows) row.forEach((value, j) => (scale[j]! += (value - mean[j]!) ** 2 / rows.length));
  return { mean, scale: scale.map((variance) => (variance > 1e-12 ? Math.sqrt(variance) : 1)) };
}
