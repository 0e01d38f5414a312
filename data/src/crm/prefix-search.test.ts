import { prefixTsQuery, searchCondition } from './prefix-search';

describe('prefixTsQuery', () => {
  it('makes every word a prefix, split where the index splits (dots, @, spaces, hyphens)', () => {
    expect(prefixTsQuery('arjun.nov')).toBe("'arjun':* & 'nov':*");
    expect(prefixTsQuery('Arjun Novak@ex')).toBe("'arjun':* & 'novak':* & 'ex':*");
    expect(prefixTsQuery('Mary-Jane')).toBe("'mary':* & 'jane':*");
    expect(prefixTsQuery('Zoë Müller')).toBe("'zoë':* & 'müller':*");
  });

  it('keeps quotes, backslashes and tsquery operators out of the query', () => {
    expect(prefixTsQuery("o'brien \\ & | ! :* <->")).toBe("'o':* & 'brien':*");
    expect(prefixTsQuery('...@@')).toBeNull();
    expect(prefixTsQuery('a b c d e f g h i j')?.split('&')).toHaveLength(8);
  });

  it('matches nothing for a query of punctuation, and binds the query otherwise', () => {
    const bound: string[] = [];
    const bind = (value: string) => (bound.push(value), `$${bound.length}`);
    expect(searchCondition('c.search', '@@', bind)).toBe('false');
    expect(searchCondition('c.search', 'arjun', bind)).toBe("c.search @@ to_tsquery('simple', $1)");
    expect(bound).toEqual(["'arjun':*"]);
  });

  it('keeps web search syntax (phrases, exclusions, OR) with its meaning', () => {
    const bound: string[] = [];
    const bind = (value: string) => (bound.push(value), `$${bound.length}`);
    for (const text of ['simpson -marge', '"rocket engines"', 'acme or globex'])
      expect(searchCondition('d.search', text, bind)).toContain('websearch_to_tsquery');
    expect(bound).toEqual(['simpson -marge', '"rocket engines"', 'acme or globex']);
    expect(searchCondition('d.search', 'well-known co-op', bind)).toContain("to_tsquery('simple'");
  });
});
