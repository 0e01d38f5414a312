import type { SemanticSearchResponse } from '@cadenza/core';

type Hit = SemanticSearchResponse['items'][number];

/** One row per contact: its best hit (the API answers best first), in that order. Hits about no contact are left out. */
export function bestHitPerContact(hits: readonly Hit[]): Array<Hit & { contactId: string }> {
  const seen = new Set<string>();
  const rows: Array<Hit & { contactId: string }> = [];
  for (const hit of hits) {
    if (!hit.contactId || seen.has(hit.contactId)) continue;
    seen.add(hit.contactId);
    rows.push({ ...hit, contactId: hit.contactId });
  }
  return rows;
}

/** "Note about Lena Park" or "email replied: Lena Park" as the contact's name and what matched. */
export function splitHitTitle(hit: Pick<Hit, 'source' | 'title'>): { who: string; what: string } {
  if (hit.source === 'note') return { who: hit.title.replace(/^Note about /, ''), what: 'note' };
  const colon = hit.title.indexOf(': ');
  return colon < 0
    ? { who: hit.title, what: hit.source }
    : { who: hit.title.slice(colon + 2), what: hit.title.slice(0, colon) };
}
