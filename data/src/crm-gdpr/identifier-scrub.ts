/** What an erased contact is recognised by in free text that outlives it. */
export interface ContactIdentifiers {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

/** What an identifier is replaced with. */
export const ERASED = '[erased]';

// Shorter names ("Al", "Jo") are also ordinary words and initials: scrubbing them would mangle
// more text than it protects. The full name still catches "Al Smith".
const MIN_NAME_LENGTH = 3;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The strings to scrub, longest first so "Ada Lovelace" goes as a whole before "Ada" would
 * leave "[erased] Lovelace" half done (the shorter ones then catch what is left).
 */
export function identifiersOf(contact: ContactIdentifiers): string[] {
  const first = contact.firstName?.trim() ?? '';
  const last = contact.lastName?.trim() ?? '';
  const candidates = [
    contact.email?.trim() ?? '',
    contact.phone?.trim() ?? '',
    ...(first && last ? [`${first} ${last}`, `${last}, ${first}`] : []),
    first,
    last,
  ].filter((text) => text.length >= MIN_NAME_LENGTH);
  return [...new Set(candidates)].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every identifier in `text`, case-insensitively, as a whole word: "Ann" goes from
 * "Call Ann" but not from "Annual review".
 */
export function scrubText(text: string, identifiers: readonly string[]): string {
  if (identifiers.length === 0) return text;
  const alternatives = identifiers.map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'giu');
  return text.replace(pattern, ERASED);
}

/** scrubText on every string (keys kept) of a JSON value, such as an audit entry's before and after. */
export function scrubJson(value: unknown, identifiers: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, identifiers);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, identifiers));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubJson(item, identifiers)]));
  }
  return value;
}
