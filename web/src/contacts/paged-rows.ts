import type { Page } from '@cadenza/core';

/** The loaded rows of a keyset list, read by index without copying the pages into one array. */
export interface PagedRows<T> {
  readonly pages: readonly Page<T>[];
  readonly length: number;
  /** The row at `index` (0 ≤ index < length): a binary search over the page offsets. */
  at(index: number): T;
}

const EMPTY: readonly Page<never>[] = [];

/**
 * A view of `pages` as one list. Building it costs one pass over the pages (not the rows), so
 * loading page 500 of a 100,000-row list does not copy 100,000 rows; pages may differ in size
 * (a deleted row leaves its page one short). `previous` lets an appended page reuse the
 * offsets of the pages before it when they are the same objects.
 */
export function pagedRows<T>(pages: readonly Page<T>[] | undefined, previous?: PagedRows<T>): PagedRows<T> {
  const list = pages ?? (EMPTY as readonly Page<T>[]);
  // starts[p] is the index of page p's first row; starts[pages.length] is the total.
  const starts = new Array<number>(list.length + 1);
  starts[0] = 0;
  let reused = 0;
  const before = previous?.pages;
  if (before && previous instanceof Paged) {
    while (reused < list.length && reused < before.length && list[reused] === before[reused]) {
      starts[reused + 1] = previous.starts[reused + 1]!;
      reused += 1;
    }
  }
  for (let p = reused; p < list.length; p++) starts[p + 1] = starts[p]! + list[p]!.items.length;
  return new Paged(list, starts);
}

class Paged<T> implements PagedRows<T> {
  constructor(
    readonly pages: readonly Page<T>[],
    readonly starts: number[],
  ) {}

  get length(): number {
    return this.starts[this.pages.length]!;
  }

  at(index: number): T {
    if (index < 0 || index >= this.length) throw new RangeError(`row ${index} is not loaded (${this.length} are)`);
    // The last page whose first row is at or before `index`; empty pages are skipped by the `<=`.
    let low = 0;
    let high = this.pages.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return this.pages[low]!.items[index - this.starts[low]!]!;
  }
}
