import { jsonNestingDepth } from './json-nesting-depth';

const depthOf = (text: string) => jsonNestingDepth(Buffer.from(text, 'utf8'));

describe('jsonNestingDepth', () => {
  it('counts nested objects and arrays, not scalars', () => {
    expect(depthOf('"x"')).toBe(0);
    expect(depthOf('[1, 2]')).toBe(1);
    expect(depthOf('{"a": [{"b": {}}], "c": [[]]}')).toBe(4);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depthOf('{"a": "[[[{{{", "b": "\\"[[[", "ü[": "\\\\"}')).toBe(1);
  });

  it('measures a 100,000-deep body in one pass without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const started = performance.now();
    expect(depthOf(deep)).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
