import { DynamicSnippetName, reachableSnippets, snippetCycle, snippetNamesIn } from './snippet-references';

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

describe('reachableSnippets', () => {
  it('follows snippets through snippets and names those missing', () => {
    const bodies = { sig: 'Best, {{> name}}', name: '{{default sender.name "the team"}}', footer: 'bye' };
    expect(reachableSnippets('{{> sig}} {{> promo}}', bodies)).toEqual({ found: ['sig', 'name'], missing: ['promo'] });
  });
});
