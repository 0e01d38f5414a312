import { describe, expect, it } from 'vitest';
import type { Contact, Page } from '@cadenza/core';
import { applyRowChanges, locateRows } from './row-index';

const contact = (id: string, score = 0) => ({ id, score }) as Contact;
const pagesOf = (...pages: string[][]): Page<Contact>[] =>
  pages.map((ids) => ({ items: ids.map((id) => contact(id)), nextCursor: null }));

describe('live row changes', () => {
  it('finds loaded rows only', () => {
    const pages = pagesOf(['a', 'b'], ['c', 'd']);
    expect([...locateRows(pages, ['d', 'x', 'a'])]).toEqual([
      ['a', [0, 0]],
      ['d', [1, 1]],
    ]);
    expect(locateRows(pages, []).size).toBe(0);
  });

  it('replaces changed rows and removes gone ones without disturbing the others', () => {
    const pages = pagesOf(['a', 'b', 'c'], ['d', 'e']);
    const untouched = pages[1];
    const positions = locateRows(pages, ['a', 'b', 'c']);
    applyRowChanges(pages, positions, [contact('b', 99)], ['a', 'c']);
    expect(pages[0]!.items).toEqual([contact('b', 99)]);
    expect(pages[1]).toBe(untouched);
    expect(pages[1]!.items.map((c) => c.id)).toEqual(['d', 'e']);
  });
});

describe('row index across page replacements', () => {
  it('finds rows in a page that replaced an indexed one', () => {
    const pages = pagesOf(['a', 'b'], ['c']);
    expect(locateRows(pages, ['b']).get('b')).toEqual([0, 1]);
    // A live deletion gives page 0 a new object without 'a': positions follow the new page.
    const next = [{ items: [contact('b')], nextCursor: null }, pages[1]!];
    expect([...locateRows(next, ['a', 'b', 'c'])]).toEqual([
      ['b', [0, 0]],
      ['c', [1, 0]],
    ]);
  });
});

describe('row index of a page changed in place', () => {
  it('notices the moved rows and indexes the page again', () => {
    const pages = pagesOf(['a', 'b', 'c']);
    locateRows(pages, ['c']);
    pages[0]!.items.splice(0, 1);
    expect(locateRows(pages, ['c']).get('c')).toEqual([0, 1]);
    // More ids than rows on a page: the page is scanned instead.
    expect([...locateRows(pages, ['x', 'y', 'z', 'b'])]).toEqual([['b', [0, 0]]]);
  });
});
