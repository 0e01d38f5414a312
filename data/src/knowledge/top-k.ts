export interface ScoredId {
  id: string;
  score: number;
}

/** Best first; equal scores by id, so every path and every batch order gives the same ranking. */
export function compareScored(a: ScoredId, b: ScoredId): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Merges a batch of scored ids into the best `limit` so far (already sorted) and answers the new
 * best `limit`, sorted. Only candidates that beat the current last are sorted in.
 */
export function keepTop(best: readonly ScoredId[], batch: readonly ScoredId[], limit: number): ScoredId[] {
  if (limit < 1) return [];
  const worst = best.length >= limit ? best[best.length - 1]! : null;
  const entering = worst ? batch.filter((item) => compareScored(item, worst) < 0) : batch;
  if (entering.length === 0) return best.slice(0, limit);
  return [...best, ...entering].sort(compareScored).slice(0, limit);
}
