/** Accuracy overall and per true label, and the confusion counts (true label -> predicted label -> n). */
export function classificationAccuracy<L extends string>(
  pairs: ReadonlyArray<{ expected: L; predicted: L | null }>,
): {
  accuracy: number;
  correct: number;
  total: number;
  perLabel: Record<string, number>;
  confusion: Record<string, Record<string, number>>;
} {
  const confusion: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  const hits: Record<string, number> = {};
  for (const { expected, predicted } of pairs) {
    const row = (confusion[expected] ??= {});
    const key = predicted ?? 'failed';
    row[key] = (row[key] ?? 0) + 1;
    totals[expected] = (totals[expected] ?? 0) + 1;
    if (predicted === expected) hits[expected] = (hits[expected] ?? 0) + 1;
  }
  const correct = Object.values(hits).reduce((a, b) => a + b, 0);
  return {
    accuracy: pairs.length ? correct / pairs.length : 0,
    correct,
    total: pairs.length,
    perLabel: Object.fromEntries(Object.entries(totals).map(([label, n]) => [label, (hits[label] ?? 0) / n])),
    confusion,
  };
}
