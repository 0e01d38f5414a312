import type { FeatureContribution, LeadOutcome, ScoringMetrics, ScoringModel } from '../index';
import { matrixOf } from './feature-matrix';
import { extractFeatures, featureNamesFor, type LeadRecord } from './lead-features';
import {
  logit,
  predictAll,
  sigmoid,
  trainLogistic,
  type LogisticWeights,
  type TrainOptions,
} from './logistic-regression';
import { brierScore, logLoss, reliabilityBins, rocAuc } from './model-metrics';
import { fitStandardiser, standardise, standardiseRow, type Standardiser } from './standardise';

/** A trained model as the server keeps it: what the API shows plus what scoring needs. */
export interface TrainedLeadModel {
  outcome: LeadOutcome;
  features: string[];
  standardiser: Standardiser;
  weights: LogisticWeights;
  metrics: ScoringMetrics;
  samples: ScoringModel['samples'];
}

export interface LabelledLead {
  lead: LeadRecord;
  /** 1 when the outcome happened (deal won, replied), else 0. */
  label: 0 | 1;
}

export class InsufficientOutcomesError extends Error {
  readonly code = 'InsufficientOutcomes';
}

/** Each class needs this many examples before a model is worth more than the base rate. */
export const MIN_PER_CLASS = 10;

/** Every fifth sample is held out for the metrics: deterministic, so a retrain on the same data agrees. */
const isHoldout = (index: number) => index % 5 === 4;

export function trainLeadModel(
  samples: readonly LabelledLead[],
  outcome: LeadOutcome,
  now: number,
  options: TrainOptions = {},
): TrainedLeadModel {
  const positives = samples.filter((s) => s.label === 1).length;
  const negatives = samples.length - positives;
  if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) {
    throw new InsufficientOutcomesError(
      `training a ${outcome} model needs at least ${MIN_PER_CLASS} contacts with each outcome; ` +
        `found ${positives} positive and ${negatives} negative`,
    );
  }
  const rows = samples.map((s) => extractFeatures(s.lead, outcome, now));
  const trainIdx = samples.map((_, i) => i).filter((i) => !isHoldout(i));
  const holdIdx = samples.map((_, i) => i).filter(isHoldout);
  const train = matrixOf(trainIdx.map((i) => rows[i]!));
  const hold = matrixOf(
    holdIdx.map((i) => rows[i]!),
    train.cols,
  );
  const trainLabels = Float64Array.from(trainIdx, (i) => samples[i]!.label);
  const holdLabels = Float64Array.from(holdIdx, (i) => samples[i]!.label);
  const standardiser = fitStandardiser(train);
  const fitted = trainLogistic(standardise(train, standardiser), trainLabels, options);
  const weights = { intercept: fitted.intercept, weights: fitted.weights };
  const predicted = predictAll(weights, standardise(hold, standardiser));
  return {
    outcome,
    features: featureNamesFor(outcome),
    standardiser,
    weights,
    metrics: {
      auc: rocAuc(predicted, holdLabels),
      brier: brierScore(predicted, holdLabels),
      logLoss: logLoss(predicted, holdLabels),
      reliability: reliabilityBins(predicted, holdLabels),
      baseRate: trainLabels.reduce((a, b) => a + b, 0) / Math.max(1, trainLabels.length),
      iterations: fitted.iterations,
    },
    samples: { training: trainIdx.length, holdout: holdIdx.length, positives, negatives },
  };
}

export interface ModelScore {
  probability: number;
  score: number;
  contributions: FeatureContribution[];
  explanation: string;
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;

/** The `top` largest contributions in words, e.g. "clicks=2 (+1.10), senior_title=1 (+0.64)". */
export function explainContributions(contributions: readonly FeatureContribution[], probability: number): string {
  const parts = contributions.map((c) => `${c.feature}=${Number(c.value.toFixed(2))} (${signed(c.contribution)})`);
  return `P=${probability.toFixed(2)}; top contributions (log-odds): ${parts.join(', ') || 'none'}`;
}

/** Scores one contact: probability, 0..100 score and its `top` contributions (weight x standardised value). */
export function scoreWithModel(
  model: Pick<TrainedLeadModel, 'outcome' | 'features' | 'standardiser' | 'weights'>,
  lead: LeadRecord,
  now: number,
  top = 3,
): ModelScore {
  const raw = extractFeatures(lead, model.outcome, now);
  const z = standardiseRow(raw, model.standardiser);
  const probability = sigmoid(logit(model.weights, z));
  const contributions = model.features
    .map((feature, j) => ({ feature, value: raw[j]!, contribution: model.weights.weights[j]! * z[j]! }))
    .filter((c) => c.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, top);
  return {
    probability,
    score: Math.round(probability * 100),
    contributions,
    explanation: explainContributions(contributions, probability),
  };
}
