import { describe, expect, it } from 'vitest';
import { nextHandle, sharesOf } from './split-weights';

describe('A/B split weights', () => {
  it('shows shares in whole percent that add up to 100', () => {
    expect(
      sharesOf([
        { handle: 'a', weight: 1 },
        { handle: 'b', weight: 1 },
      ]),
    ).toEqual([50, 50]);
    expect(sharesOf(['a', 'b', 'c'].map((handle) => ({ handle, weight: 1 })))).toEqual([34, 33, 33]);
    expect(
      sharesOf([
        { handle: 'a', weight: 3 },
        { handle: 'b', weight: 1 },
      ]),
    ).toEqual([75, 25]);
    expect(
      sharesOf([
        { handle: 'a', weight: 2 },
        { handle: 'b', weight: 0 },
      ]),
    ).toEqual([100, 0]);
    // Six equal thirds-of-a-percent remainders: the first ones get the missing points.
    expect(sharesOf(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((handle) => ({ handle, weight: 1 })))).toEqual([
      15, 15, 14, 14, 14, 14, 14,
    ]);
    expect(
      sharesOf([
        { handle: 'a', weight: 0 },
        { handle: 'b', weight: -1 },
      ]),
    ).toEqual([0, 0]);
  });

  it('names a new variant with the first free letter', () => {
    expect(
      nextHandle([
        { handle: 'a', weight: 1 },
        { handle: 'b', weight: 1 },
      ]),
    ).toBe('c');
    expect(nextHandle([{ handle: 'b', weight: 1 }])).toBe('a');
    const all = Array.from({ length: 26 }, (_, i) => ({ handle: String.fromCharCode(97 + i), weight: 1 }));
    expect(nextHandle(all)).toBe('v27');
  });
});
