import { keepTop, type ScoredId } from './top-k';

const scored = (pairs: Array<[string, number]>): ScoredId[] => pairs.map(([id, score]) => ({ id, score }));

describe('keepTop', () => {
  it('keeps the best across batches as one sort of everything would', () => {
    const all = Array.from({ length: 500 }, (_, i) => ({
      id: `id-${String(i).padStart(3, '0')}`,
      score: Math.sin(i * 7.3),
    }));
    let best: ScoredId[] = [];
    for (let i = 0; i < all.length; i += 37) best = keepTop(best, all.slice(i, i + 37), 10);
    const reference = [...all].sort((a, b) => b.score - a.score).slice(0, 10);
    expect(best).toEqual(reference);
  });

  it('breaks ties by id, whatever order the batches came in', () => {
    const one = keepTop(
      keepTop(
        [],
        scored([
          ['b', 1],
          ['c', 1],
        ]),
        2,
      ),
      scored([['a', 1]]),
      2,
    );
    const other = keepTop(
      keepTop([], scored([['a', 1]]), 2),
      scored([
        ['c', 1],
        ['b', 1],
      ]),
      2,
    );
    expect(one).toEqual(
      scored([
        ['a', 1],
        ['b', 1],
      ]),
    );
    expect(other).toEqual(one);
  });

  it('answers nothing for a limit below one', () => {
    expect(keepTop([], scored([['a', 1]]), 0)).toEqual([]);
  });
});
