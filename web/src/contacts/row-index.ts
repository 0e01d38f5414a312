import type { Contact, Page } from '@cadenza/core';

export type RowPosition = [page: number, item: number];

/** Where each of `ids` sits in the loaded pages; ids not loaded are left out. One pass over the rows. */
export function locateRows(pages: readonly Page<Contact>[], ids: Iterable<string>): Map<string, RowPosition> {
  const wanted = new Set(ids);
  const found = new Map<string, RowPosition>();
  if (wanted.size === 0) return found;
  for (let p = 0; p < pages.length && found.size < wanted.size; p++) {
    const items = pages[p]!.items;
    for (let i = 0; i < items.length; i++) {
      if (wanted.has(items[i]!.id)) found.set(items[i]!.id, [p, i]);
    }
  }
  return found;
}

/**
 * Puts fresh copies of loaded rows in place and drops rows that are gone (deleted, or no
 * longer visible to the user), touching only the pages concerned: the caller passes a draft
 * (Immer) or a copy, and untouched pages keep their identity so React skips them.
 */
export function applyRowChanges(
  pages: Page<Contact>[],
  positions: Map<string, RowPosition>,
  fresh: readonly Contact[],
  gone: Iterable<string>,
): void {
  for (const contact of fresh) {
    const at = positions.get(contact.id);
    if (at) pages[at[0]]!.items[at[1]] = contact;
  }
  // Remove from the end of each page first so earlier positions stay valid.
  const removals = [...gone]
    .map((id) => positions.get(id))
    .filter((at): at is RowPosition => Boolean(at))
    .sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  for (const [page, item] of removals) pages[page]!.items.splice(item, 1);
}
