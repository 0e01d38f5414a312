import { replyTriageFigures } from './reply-triage-figures';

describe('reply-triage figures', () => {
  it('reports accuracy overall and per intent against keyword rules, and latency', () => {
    const figures = replyTriageFigures({
      setSize: 72,
      model: 'minilm-logreg@abc',
      accuracy: 0.9,
      keywordAccuracy: 0.6,
      perIntent: { bounce: 1, other: 0.5 },
      keywordPerIntent: { bounce: 0.8 },
      needsReview: 9,
      confidentAccuracy: 0.95,
      olderSet: { size: 36, accuracy: 0.9, keywordAccuracy: 0.75 },
      latency: { p50Ms: 20, p95Ms: 40 },
    });
    expect(figures.map((f) => [f.name, f.value, f.against?.value ?? null, f.ratio])).toEqual([
      ['accuracy, 72 test replies (minilm-logreg@abc)', 0.9, 0.6, 1.5],
      ['accuracy: bounce', 1, 0.8, 1.25],
      ['accuracy: other', 0.5, 0, null],
      ['accuracy of answers above the review threshold', 0.95, null, null],
      ['share of replies sent to review', 0.13, null, null],
      ['accuracy, older 36-reply set', 0.9, 0.75, 1.2],
      ['latency per reply, p50', 20, null, null],
      ['latency per reply, p95', 40, null, null],
    ]);
  });
});
