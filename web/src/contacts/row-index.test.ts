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
