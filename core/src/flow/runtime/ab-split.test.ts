import { chooseVariant, fnv1a32 } from './ab-split';

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
    // UTF-8 bytes, as other implementations hash them.
    ['é', fnv1a32Bytes([0xc3, 0xa9])],
    ['😀', fnv1a32Bytes([0xf0, 0x9f, 0x98, 0x80])],
  ])('%j -> %d', (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });
});

function fnv1a32Bytes(bytes: number[]): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

// Computed independently (Node's Buffer UTF-8 bytes, FNV-1a, modulo 100) for weights 50/30/20.
const PINNED = ['c', 'a', 'b', 'b', 'b'];

describe('chooseVariant', () => {
  const variants = [
    { handle: 'a', weight: 50 },
    { handle: 'b', weight: 30 },
    { handle: 'c', weight: 20 },
  ];

  it('always gives the same seed the same variant', () => {
    for (let i = 0; i < 200; i++) {
      const seed = `flow-1:split:contact-${i}`;
      expect(chooseVariant(variants, seed)).toBe(chooseVariant(variants, seed));
    }
    // Pinned so a change to the hashing (which would reshuffle live splits) fails loudly.
    expect(
      ['contact-1', 'contact-2', 'contact-3', 'contact-4', 'contact-5'].map((s) => chooseVariant(variants, s)),
    ).toEqual(PINNED);
  });

  it('spreads even a handful of sequential seeds', () => {
    const picks = new Set(Array.from({ length: 10 }, (_, i) => chooseVariant(variants, `contact-${i}`)));
    expect(picks).toEqual(new Set(['a', 'b', 'c']));
  });

  it.each([[[50, 30, 20]], [[1, 1]], [[90, 10]], [[1, 2, 3, 4]]])(
    'splits 10,000 sequential seeds by weights %j within 3%%',
    (weights) => {
      const options = weights.map((weight, i) => ({ handle: `v${i}`, weight }));
      const counts = new Map<string, number>();
      for (let i = 0; i < 10_000; i++) {
        const handle = chooseVariant(options, `flow-42:node-7:contact-${i}`);
        counts.set(handle, (counts.get(handle) ?? 0) + 1);
      }
      const total = weights.reduce((a, b) => a + b, 0);
      options.forEach(({ handle, weight }) => {
        expect(Math.abs((counts.get(handle) ?? 0) / 10_000 - weight / total)).toBeLessThan(0.03);
      });
    },
  );

  it('never picks a variant outside the list, and a lone weight takes everyone', () => {
    expect(chooseVariant([{ handle: 'only', weight: 3 }], 'x')).toBe('only');
    expect(() => chooseVariant([], 'x')).toThrow();
    expect(() => chooseVariant([{ handle: 'z', weight: 0 }], 'x')).toThrow();
  });
});
