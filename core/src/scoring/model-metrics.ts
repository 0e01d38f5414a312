import type { ScoringMetrics } from '../index';

/**
 * ROC AUC as the Mann-Whitney statistic: the chance a random positive is ranked above a random
 * negative, ties counting half. Null when one class is missing (AUC is undefined then).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    // Tied scores share the average of their ranks (1-based).
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return probabilities.length ? sum / probabilities.length : 0;
}

export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const eps = 1e-12;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return probabilities.length ? sum / probabilities.length : 0;
}

/** Calibration: in each of `bins` equal-width probability bins, the mean prediction against the observed rate. */
export function reliabilityBins(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): ScoringMetrics['reliability'] {
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const bin = Math.min(bins - 1, Math.floor(p * bins));
    count[bin]!++;
    predicted[bin]! += p;
    observed[bin]! += labels[i]!;
  }
  return count.map((n, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: n,
    meanPredicted: n ? predicted[b]! / n : null,
    observedRate: n ? observed[b]! / n : null,
  }));
}
