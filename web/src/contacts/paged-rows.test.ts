import { describe, expect, it } from 'vitest';
import type { Page } from '@cadenza/core';
import { pagedRows } from './paged-rows';

const pagesOf = (...sizes: number[]): Page<number>[] => {
  let next = 0;
  return sizes.map((size) => ({ items: Array.from({ length: size }, () => next++), nextCursor: null }));
};

describe('paged rows', () => {
  it('reads every row across pages of different sizes, empty ones included', () => {
    const pages = pagesOf(3, 0, 1, 4, 0);
    const rows = pagedRows(pages);
    expect(rows.length).toBe(8);
    expect(Array.from({ length: rows.length }, (_, i) => rows.at(i))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(() => rows.at(8)).toThrow(RangeError);
    expect(() => rows.at(-1)).toThrow(RangeError);
  });

  it('is empty before the first page', () => {
    expect(pagedRows<number>(undefined).length).toBe(0);
    expect(pagedRows<number>([]).length).toBe(0);
  });

  it('reuses the offsets of unchanged pages and recounts from the first changed one', () => {
    const pages = pagesOf(2, 2, 2);
    const first = pagedRows(pages.slice(0, 2));
    const appended = pagedRows(pages, first);
    expect(appended.length).toBe(6);
    expect(appended.at(5)).toBe(5);
    // A live deletion replaces page 0 with a shorter copy: every later offset moves.
    const shorter = [{ items: [0], nextCursor: null }, pages[1]!, pages[2]!];
    const patched = pagedRows(shorter, appended);
    expect(patched.length).toBe(5);
    expect(Array.from({ length: 5 }, (_, i) => patched.at(i))).toEqual([0, 2, 3, 4, 5]);
  });
});
