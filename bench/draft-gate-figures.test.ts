import { draftGateFigures } from './draft-gate-figures';

describe('draft-gate figures', () => {
  it("reports the model's pass rate against the earlier way, and the final pass rate", () => {
    const figures = draftGateFigures({
      contacts: 20,
      model: { model: 'gemma' },
      modelPassRate: 0.9,
      finalPassRate: 1,
      medianDraftMs: 800,
      baseline: { contacts: 20, passRate: 0.05 },
    });
    expect(figures.map((f) => [f.name, f.value, f.against?.value ?? null])).toEqual([
      ['model drafts passing the gate, 20 demo contacts (gemma)', 0.9, 0.05],
      ['final drafts passing (after the template fallback)', 1, null],
      ['median draft latency (model tries)', 800, null],
    ]);
  });
});
