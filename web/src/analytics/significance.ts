import type { AbComparison } from '@cadenza/core';

export const percent = (rate: number, digits = 1) => `${(rate * 100).toFixed(digits)}%`;

/** A p-value as people read it: tiny ones as "< 0.001", the rest to three places. */
export const formatPValue = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

export interface Verdict {
  /** 'winner' and 'loser' only when the difference is significant. */
  tone: 'winner' | 'loser' | 'inconclusive' | 'unavailable';
  text: string;
}

/** One sentence on a variant against the control, honest about significance. */
export function verdictOf(comparison: AbComparison, alpha: number): Verdict {
  if ('unavailable' in comparison) {
    return {
      tone: 'unavailable',
      text:
        comparison.unavailable === 'no_trials'
          ? `No test yet: ${comparison.handle} or ${comparison.control} has no contacts in this range.`
          : `No test possible: ${comparison.handle} and ${comparison.control} converted at exactly 0% or 100%.`,
    };
  }
  const lift =
    comparison.relativeLift === null
      ? `converts where ${comparison.control} did not`
      : `${comparison.relativeLift >= 0 ? '+' : '−'}${percent(Math.abs(comparison.relativeLift), 0)} vs ${comparison.control}`;
  const p = `p ${comparison.pValue < 0.001 ? '' : '= '}${formatPValue(comparison.pValue)}`;
  if (!comparison.significant) {
    return { tone: 'inconclusive', text: `${comparison.handle}: ${lift}, not significant (${p}, α = ${alpha}).` };
  }
  return {
    tone: comparison.z > 0 ? 'winner' : 'loser',
    text: `${comparison.handle}: ${lift}, significant (${p}, α = ${alpha}).`,
  };
}
