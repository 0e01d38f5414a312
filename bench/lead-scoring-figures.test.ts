import { leadScoringFigures } from './lead-scoring-figures';

describe('lead-scoring figures', () => {
  it('reports each figure against the baseline measured in the same run', () => {
    const figures = leadScoringFigures({
      pure: {
        leads: 1000,
        modelScoresPerSecond: 200_000,
        rulesScoresPerSecond: 1_000_000,
        trainingMs: 900,
        extractionMs: 100,
        modelAuc: 0.84,
        rulesAuc: 0.8,
      },
      endToEnd: { leads: 500, trainMs: 400, scoresPerSecond: 20_000 },
    });
    expect(figures.map((f) => [f.name, f.value, f.against?.value ?? null, f.ratio])).toEqual([
      ['scoring throughput (1000 contacts, with explanation)', 200_000, 1_000_000, 0.2],
      ['training time (1000 contacts)', 900, 100, 9],
      ['holdout AUC, planted signal', 0.84, 0.8, 1.05],
      ['DB load + train + store (500 contacts)', 400, null, null],
      ['DB-backed scoring throughput (1000-id batches)', 20_000, 200_000, 0.1],
    ]);
  });
});
