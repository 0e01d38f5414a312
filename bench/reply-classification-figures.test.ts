import { replyClassificationFigures } from './reply-classification-figures';

describe('reply-classification figures', () => {
  it('reports accuracy against keyword rules, naming the set size and model', () => {
    const figures = replyClassificationFigures({
      setSize: 36,
      model: { model: 'gemma' },
      accuracy: 0.5,
      keywordAccuracy: 0.8,
      medianLatencyMs: 900,
    });
    expect(figures.map((f) => [f.name, f.value, f.against?.value ?? null, f.ratio])).toEqual([
      ['accuracy, 36 labelled replies (gemma)', 0.5, 0.8, 0.625],
      ['median classification latency', 900, null, null],
    ]);
  });
});
