import type { Contact, Page } from '@cadenza/core';

export type RowPosition = [page: number, item: number];

// Each loaded page's id → item position, built once per page object. Cached pages come from
// the (frozen) query cache and a live change replaces the page it touches, so an index stays
// right; a page changed in place anyway is caught by the id check and indexed again.
const pageIndexes = new WeakMap<Page<Contact>, Map<string, number>>();

function indexPage(page: Page<Contact>): Map<string, number> {
  const index = new Map(page.items.map((item, i) => [item.id, i]));
  pageIndexes.set(page, index);
  return index;
}

function positionIn(page: Page<Contact>, id: string): number | undefined {
  const cached = pageIndexes.get(page);
  const item = (cached ?? indexPage(page)).get(id);
  if (item === undefined || page.items[item]?.id === id) return item;
  return indexPage(page).get(id);
}

/**
 * Where each of `ids` sits in the loaded pages; ids not loaded are left out. Per page it looks
 * the ids up in the page's index (or scans the page when there are more ids than rows), so a
 * live update costs a step per page, not a pass over every loaded row.
 */
export function locateRows(pages: readonly Page<Contact>[], ids: Iterable<string>): Map<string, RowPosition> {
  const wanted = new Set(ids);
  const found = new Map<string, RowPosition>();
  if (wanted.size === 0) return found;
  for (let p = 0; p < pages.length && found.size < wanted.size; p++) {
    const page = pages[p]!;
    if (wanted.size - found.size <= page.items.length) {
      for (const id of wanted) {
        if (found.has(id)) continue;
        const item = positionIn(page, id);
        if (item !== undefined) found.set(id, [p, item]);
      }
    } else {
      page.items.forEach((item, i) => {
        if (wanted.has(item.id) && !found.has(item.id)) found.set(item.id, [p, i]);
      });
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
