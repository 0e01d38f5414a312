/** mulberry32: a tiny seeded generator, so a failing drill can be rerun with the same choices. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct-ish points in [from, to), sorted: where in a run the drill strikes. */
export function strikePoints(random: () => number, count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, () => from + random() * (to - from)).sort((a, b) => a - b);
}
