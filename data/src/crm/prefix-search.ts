/** At most this many words of a search box query count (a pasted paragraph is not a search). */
const MAX_WORDS = 8;

/**
 * The search box's text as a prefix tsquery over the 'simple' search columns: every word must
 * start a word of the record, so "arjun.nov" finds arjun.novak@… (the email is indexed split at
 * "@" and dots) and "mar" finds Maria as she is typed. Words are split at anything that is not a
 * letter or digit, as the index splits them; quotes and backslashes never reach the tsquery.
 * Null when no word is left (a query of punctuation matches nothing).
 */
export function prefixTsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS);
  return words.length === 0 ? null : words.map((word) => `'${word}':*`).join(' & ');
}

/** Web search syntax: a "quoted phrase", a -excluded word, or OR between words. */
const WEB_SEARCH_SYNTAX = /"|(^|\s)-\S|\sor\s/i;

/**
 * The WHERE condition for a search box query over a record's `search` column: plain words match
 * as prefixes (type-ahead); a query written in web search syntax keeps its meaning (phrases,
 * exclusions, OR), whole words as before.
 */
export function searchCondition(column: string, text: string, bind: (value: string) => string): string {
  if (WEB_SEARCH_SYNTAX.test(text)) return `${column} @@ websearch_to_tsquery('simple', ${bind(text)})`;
  const query = prefixTsQuery(text);
  return query === null ? 'false' : `${column} @@ to_tsquery('simple', ${bind(query)})`;
}
