import type { Contact } from '@cadenza/core';

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName' | 'email'>) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '(no name)';

/** lifecycle stage ids as words: marketing_qualified_lead → marketing qualified lead. */
export const humanize = (value: string | null | undefined) => (value ? value.replaceAll('_', ' ') : '—');

// Made on first use, not when the module loads: building a date format loads the locale's data,
// some 40 ms of a phone's main thread that a page importing `humanize` alone should not pay.
let dateTime: Intl.DateTimeFormat | undefined;
export const formatDateTime = (iso: string | null | undefined) => {
  if (!iso) return '—';
  dateTime ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateTime.format(new Date(iso));
};
