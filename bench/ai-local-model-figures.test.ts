import { aiLocalModelFigures } from './ai-local-model-figures';

describe('ai-local-model figures', () => {
  it('reports each figure against the baseline measured in the same run', () => {
    const figures = aiLocalModelFigures({
      settings: { draftTokens: 120 },
      raw: { tokensPerSecond: 50, medianMs: 2000 },
      platform: { tokensPerSecond: 40, medianMs: 2500 },
      chain: { medianWallMs: 10_500, medianModelMs: 10_000 },
    });
    expect(figures.map((f) => [f.name, f.value, f.against?.value, f.ratio])).toEqual([
      ['local model tokens/s (AI step path)', 40, 50, 0.8],
      ['120-token draft latency', 2500, 2000, 1.25],
      ['agent chain to approval', 10_500, 10_000, 1.05],
    ]);
  });
});
