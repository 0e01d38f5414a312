/** One output of an A/B split and its relative weight. */
export type SplitVariant = { handle: string; weight: number };

/**
 * Each variant's share in whole percent, summing to exactly 100 (largest remainder), so the
 * widget never shows 33 + 33 + 33. Weights that are not positive count as nothing.
 */
export function sharesOf(variants: readonly SplitVariant[]): number[] {
  const weights = variants.map((v) => (Number.isFinite(v.weight) && v.weight > 0 ? v.weight : 0));
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / total) * 100);
  const shares = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = 100 - shares.reduce((sum, share) => sum + share, 0);
  for (let k = 0; k < missing; k++) shares[order[k]![1]]! += 1;
  return shares;
}

/** The next free output name: a, b, c, … z, then v27, v28, … */
export function nextHandle(variants: readonly SplitVariant[]): string {
  const taken = new Set(variants.map((v) => v.handle));
  for (let i = 0; ; i++) {
    const handle = i < 26 ? String.fromCharCode(97 + i) : `v${i + 1}`;
    if (!taken.has(handle)) return handle;
  }
}
