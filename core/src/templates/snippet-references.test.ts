import { LimitExceededError } from '../index';
import {
  DynamicSnippetName,
  reachableSnippets,
  snippetCycle,
  snippetExpansion,
  snippetIncludesIn,
  snippetNamesIn,
} from './snippet-references';

describe('snippetNamesIn', () => {
  it('finds included snippets anywhere in the template, once each', () => {
    expect(
      snippetNamesIn('Hi {{> greeting}} {{#if contact.vip}}{{> vip-offer}}{{else}}{{> "plain"}}{{/if}} {{> greeting}}'),
    ).toEqual(['greeting', 'vip-offer', 'plain']);
    expect(snippetNamesIn('{{#> frame}}inside {{> inner}}{{/frame}}')).toEqual(['frame', 'inner']);
    expect(snippetNamesIn('{{#each items}}{{> row}}{{/each}}')).toEqual(['row']);
    expect(snippetNamesIn('no snippets {{contact.firstName}}')).toEqual([]);
  });

  it('refuses a computed snippet name and a template that does not parse', () => {
    expect(() => snippetNamesIn('{{> (lookup contact "kind")}}')).toThrow(DynamicSnippetName);
    expect(() => snippetNamesIn('{{> }}')).toThrow(/Parse error/);
  });
});

describe('snippetCycle', () => {
  it('finds a snippet that includes itself, directly or through others', () => {
    expect(snippetCycle({ a: 'x {{> a}}' })).toEqual(['a', 'a']);
    expect(snippetCycle({ a: '{{> b}}', b: '{{> c}}', c: '{{> a}}' })).toEqual(['a', 'b', 'c', 'a']);
  });

  it('accepts shared and missing snippets that form no loop', () => {
    expect(snippetCycle({ a: '{{> c}} {{> b}}', b: '{{> c}}', c: 'end', d: '{{> gone}}' })).toBeNull();
  });
});

describe('snippetCycle on long chains', () => {
  it('follows a 20,000-snippet chain without recursion, and finds the loop that closes it', () => {
    const chain = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`c${i}`, `{{> c${i + 1}}}`]));
    expect(snippetCycle(chain)).toBeNull();
    expect(snippetCycle({ ...chain, c20000: '{{> c0}}' })).toHaveLength(20_002);
  });
});

describe('reachableSnippets', () => {
  it('follows snippets through snippets and names those missing', () => {
    const bodies = { sig: 'Best, {{> name}}', name: '{{default sender.name "the team"}}', footer: 'bye' };
    expect(reachableSnippets('{{> sig}} {{> promo}}', bodies)).toEqual({ found: ['sig', 'name'], missing: ['promo'] });
  });
});

describe('snippetIncludesIn', () => {
  it('lists every inclusion, repeats included, in order', () => {
    expect(snippetIncludesIn('{{> a}}{{#if x}}{{> b}}{{else}}{{> a}}{{/if}}{{#> c}}{{> a}}{{/c}}')).toEqual([
      'a',
      'b',
      'a',
      'c',
      'a',
    ]);
  });

  it('refuses 5,000 nested blocks before Handlebars parses them', () => {
    const nested = '{{#if x}}'.repeat(5_000) + '{{> deep}}' + '{{/if}}'.repeat(5_000);
    expect(() => snippetIncludesIn(nested)).toThrow(LimitExceededError);
  });
});

describe('snippetExpansion', () => {
  /** s0 includes s1 twice, s1 includes s2 twice... */
  const doubling = (depth: number) =>
    Object.fromEntries(
      Array.from({ length: depth + 1 }, (_, i) => [`s${i}`, i === depth ? 'leaf' : `{{> s${i + 1}}}{{> s${i + 1}}}`]),
    );

  it('counts each inclusion every time it renders, and the deepest chain', () => {
    expect(snippetExpansion('no snippets', {})).toEqual({ includes: 0, depth: 0 });
    expect(snippetExpansion('{{> s0}}', doubling(3))).toEqual({ includes: 15, depth: 4 });
    expect(snippetExpansion('{{> gone}} {{> gone}}', {})).toEqual({ includes: 2, depth: 1 });
  });

  it('measures deep and wide bombs exactly and quickly, and a loop as Infinity', () => {
    expect(snippetExpansion('{{> s0}}', doubling(20))).toEqual({ includes: 2 ** 21 - 1, depth: 21 });
    expect(snippetExpansion('{{> a}}', { a: '{{> b}}', b: '{{> a}}' })).toEqual({
      includes: Infinity,
      depth: Infinity,
    });
    const wide = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`w${i}`, `{{> w${i + 1}}}`.repeat(100)]).concat([['w30', 'leaf']]),
    );
    const started = performance.now();
    const expansion = snippetExpansion('{{> w0}}', wide);
    expect(expansion.depth).toBe(31);
    expect(expansion.includes).toBeGreaterThan(100 ** 30);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('measures a 10,000-snippet chain without recursion (the last one names a missing snippet)', () => {
    const chain = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`c${i}`, `{{> c${i + 1}}}`]));
    expect(snippetExpansion('{{> c0}}', chain)).toEqual({ includes: 10_001, depth: 10_001 });
  });
});
