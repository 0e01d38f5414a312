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
});
