import { loops, reachableFrom } from './graph';

const adjacency = (edges: Array<[string, string]>) => {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  return next;
};

describe('graph', () => {
  it('finds what is reachable, following edges transitively', () => {
    const next = adjacency([
      ['a', 'b'],
      ['b', 'c'],
      ['d', 'e'],
    ]);
    expect([...reachableFrom(['a'], next)].sort()).toEqual(['a', 'b', 'c']);
  });

  it('finds each loop once, in node order, including self-loops', () => {
    const next = adjacency([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'b'],
      ['c', 'd'],
      ['d', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'e'],
    ]);
    expect(loops(['a', 'b', 'c', 'd', 'e', 'f'], next)).toEqual([['e', 'f'], ['d'], ['b', 'c']]);
  });

  it('finds no loop in a tree', () => {
    expect(
      loops(
        ['a', 'b', 'c'],
        adjacency([
          ['a', 'b'],
          ['a', 'c'],
        ]),
      ),
    ).toEqual([]);
  });

  it('walks a 100,000-node chain and loop without recursion, in linear time', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `n${i}`);
    const next = new Map(ids.map((id, i) => [id, [ids[(i + 1) % ids.length]!]]));
    const started = performance.now();
    expect(reachableFrom(['n0'], next).size).toBe(100_000);
    const [loop, ...others] = loops(ids, next);
    expect(loop).toHaveLength(100_000);
    expect(others).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
