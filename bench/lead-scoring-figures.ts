import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** lead-scoring: the model against a rule-based scorer and against plain feature extraction, same run. */
export function leadScoringFigures(r: Json): Figure[] {
  const n = r.pure.leads;
  return [
    figure('lead-scoring', `scoring throughput (${n} contacts, with explanation)`, r.pure.modelScoresPerSecond, '/s', {
      name: 'rule-based points scorer',
      value: r.pure.rulesScoresPerSecond,
    }),
    figure('lead-scoring', `training time (${n} contacts)`, r.pure.trainingMs, 'ms', {
      name: 'one feature-extraction pass',
      value: r.pure.extractionMs,
    }),
    figure('lead-scoring', 'holdout AUC, planted signal', r.pure.modelAuc, '', {
      name: 'rule-based points scorer',
      value: r.pure.rulesAuc,
    }),
    figure('lead-scoring', `DB load + train + store (${r.endToEnd.leads} contacts)`, r.endToEnd.trainMs, 'ms'),
    figure('lead-scoring', 'DB-backed scoring throughput (1000-id batches)', r.endToEnd.scoresPerSecond, '/s', {
      name: 'in-memory model scoring',
      value: r.pure.modelScoresPerSecond,
    }),
  ];
}
