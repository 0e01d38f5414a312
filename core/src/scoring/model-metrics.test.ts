import { brierScore, logLoss, reliabilityBins, rocAuc } from './model-metrics';

describe('model metrics', () => {
  it('AUC is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('AUC counts mis-ordered pairs and half of tied pairs', () => {
    // Pairs (pos, neg): (0.8,0.1) ok, (0.8,0.9) wrong, (0.4,0.1) ok, (0.4,0.9) wrong -> 2/4.
    expect(rocAuc([0.1, 0.9, 0.8, 0.4], [0, 0, 1, 1])).toBe(0.5);
    // One positive tied with one negative, above the other negative: (1 + 0.5) / 2.
    expect(rocAuc([0.3, 0.3, 0.1], [1, 0, 0])).toBe(0.75);
  });

  it('AUC is undefined with one class', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNull();
  });

  it('Brier score and log-loss reward confident right answers', () => {
    expect(brierScore([1, 0], [1, 0])).toBe(0);
    expect(brierScore([0.5, 0.5], [1, 0])).toBe(0.25);
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.log(2));
    expect(logLoss([0.9], [1])).toBeLessThan(logLoss([0.6], [1]));
  });

  it('reliability bins put each prediction in its bin with the observed rate', () => {
    const bins = reliabilityBins([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1], 10);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ count: 1, observedRate: 0 });
    expect(bins[1]).toMatchObject({ from: 0.1, count: 2, observedRate: 0.5 });
    expect(bins[1]!.meanPredicted).toBeCloseTo(0.135);
    // p = 1 falls in the last bin, not an eleventh.
    expect(bins[9]).toMatchObject({ count: 2, observedRate: 1 });
    expect(bins[5]).toMatchObject({ count: 0, meanPredicted: null, observedRate: null });
  });
});
