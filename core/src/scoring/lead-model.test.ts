import { InsufficientOutcomesError, scoreWithModel, trainLeadModel } from './lead-model';
import { rocAuc } from './model-metrics';
import { syntheticLabelledLeads, trueLogOdds } from './synthetic-leads';

const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('lead scoring model on synthetic data', () => {
  it('learns a known signal: holdout AUC above 0.8 and a calibrated Brier score', () => {
    const leads = syntheticLabelledLeads(4000, 7, true, NOW);
    const model = trainLeadModel(leads, 'deal_won', NOW);
    expect(model.metrics.auc).toBeGreaterThan(0.8);
    // And close to the best any model can do: ranking the holdout by the true log-odds.
    const holdout = leads.filter((_, i) => i % 5 === 4);
    const oracle = rocAuc(
      holdout.map((s) => trueLogOdds(s.lead)),
      holdout.map((s) => s.label),
    )!;
    expect(model.metrics.auc).toBeGreaterThan(oracle - 0.02);
    // Better than always predicting the base rate, whose Brier score is p(1-p).
    const base = model.metrics.baseRate;
    expect(model.metrics.brier).toBeLessThan(base * (1 - base) * 0.85);
    // Calibrated: in well-populated bins the observed rate is near the mean prediction.
    for (const bin of model.metrics.reliability.filter((b) => b.count >= 100)) {
      expect(Math.abs(bin.observedRate! - bin.meanPredicted!)).toBeLessThan(0.1);
    }
    expect(model.samples).toMatchObject({ training: 3200, holdout: 800 });
    // The planted features carry the largest weights with the planted signs.
    const weight = (name: string) => model.weights.weights[model.features.indexOf(name)]!;
    expect(weight('clicks')).toBeGreaterThan(0.5);
    expect(weight('senior_title')).toBeGreaterThan(0.3);
    expect(weight('business_email')).toBeGreaterThan(0.2);
    expect(Math.abs(weight('has_phone'))).toBeLessThan(0.15);
  });

  it('finds nothing where there is nothing: AUC near 0.5 on labels independent of the lead', () => {
    const model = trainLeadModel(syntheticLabelledLeads(4000, 11, false, NOW), 'deal_won', NOW);
    expect(model.metrics.auc).toBeGreaterThan(0.42);
    expect(model.metrics.auc).toBeLessThan(0.58);
    expect(model.metrics.baseRate).toBeCloseTo(0.4, 1);
  });

  it('explains a score by its largest contributions, weight x standardised value', () => {
    const model = trainLeadModel(syntheticLabelledLeads(2000, 3, true, NOW), 'deal_won', NOW);
    const hot = scoreWithModel(
      model,
      {
        ...syntheticLabelledLeads(1, 5, true, NOW)[0]!.lead,
        title: 'CEO',
        email: 'ceo@acme.test',
        emailsSent: 5,
        opens: 5,
        clicks: 5,
      },
      NOW,
    );
    expect(hot.score).toBeGreaterThan(70);
    expect(hot.contributions).toHaveLength(3);
    expect(hot.contributions[0]!.feature).toBe('clicks');
    const j = model.features.indexOf('clicks');
    const z = (hot.contributions[0]!.value - model.standardiser.means[j]!) / model.standardiser.stds[j]!;
    expect(hot.contributions[0]!.contribution).toBeCloseTo(model.weights.weights[j]! * z);
    expect(hot.explanation).toMatch(/^P=0\.\d\d; top contributions \(log-odds\): clicks=/);
    const magnitudes = hot.contributions.map((c) => Math.abs(c.contribution));
    expect([...magnitudes].sort((a, b) => b - a)).toEqual(magnitudes);
  });

  it('refuses to train without enough of each outcome', () => {
    const few = syntheticLabelledLeads(200, 1, true, NOW).map((s, i) => ({ ...s, label: (i < 5 ? 1 : 0) as 0 | 1 }));
    expect(() => trainLeadModel(few, 'replied', NOW)).toThrow(InsufficientOutcomesError);
    expect(() => trainLeadModel(few, 'replied', NOW)).toThrow(/found 5 positive and 195 negative/);
  });
});
