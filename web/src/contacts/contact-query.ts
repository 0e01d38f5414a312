import type { ContactViewFilters } from '@cadenza/core';

/** What the contacts table asks the API for: the filters of a saved view plus its sort. */
export interface ContactListArgs {
  filters: ContactViewFilters;
  sort: string;
}

export const DEFAULT_SORT = 'updatedAt:desc';
/** Page size of the keyset list: the API's maximum, so scrolling far needs few round trips. */
export const CONTACT_PAGE_SIZE = 200;

/** Drops empty values so two equal filter sets make one cache key and one saved view. */
export function normalizeFilters(filters: ContactViewFilters): ContactViewFilters {
  const out: ContactViewFilters = {};
  const q = filters.q?.trim();
  if (q) out.q = q;
  if (filters.lifecycleStage) out.lifecycleStage = filters.lifecycleStage;
  if (filters.leadStatus) out.leadStatus = filters.leadStatus;
  if (filters.ownerId) out.ownerId = filters.ownerId;
  const tags = [...new Set((filters.tag ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.length) out.tag = tags;
  if (filters.scoreMin !== undefined && Number.isFinite(filters.scoreMin)) out.scoreMin = filters.scoreMin;
  if (filters.scoreMax !== undefined && Number.isFinite(filters.scoreMax)) out.scoreMax = filters.scoreMax;
  const custom = (filters.customField ?? []).filter((entry) => /^[a-z][a-z0-9_]{0,62}:.+$/s.test(entry));
  if (custom.length) out.customField = [...new Set(custom)];
  return out;
}

/** The list's query string: repeated keys for lists, the keyset cursor when paging on. */
export function contactListSearch(args: ContactListArgs, extra: Record<string, string | number | null> = {}): string {
  const params = new URLSearchParams();
  const filters = normalizeFilters(args.filters);
  for (const [key, value] of Object.entries(filters)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.set(key, String(value));
  }
  params.set('sort', args.sort);
  for (const [key, value] of Object.entries(extra)) if (value !== null) params.set(key, String(value));
  return params.toString();
}

/** How many filters are set, for the "Filters (n)" label. */
export function activeFilterCount(filters: ContactViewFilters): number {
  const f = normalizeFilters(filters);
  return (
    (f.q ? 1 : 0) +
    (f.lifecycleStage ? 1 : 0) +
    (f.leadStatus ? 1 : 0) +
    (f.ownerId ? 1 : 0) +
    (f.tag?.length ?? 0) +
    (f.scoreMin !== undefined || f.scoreMax !== undefined ? 1 : 0) +
    (f.customField?.length ?? 0)
  );
}
