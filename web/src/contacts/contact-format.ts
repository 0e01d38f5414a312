import type { Contact } from '@cadenza/core';

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName' | 'email'>) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '(no name)';

/** lifecycle stage ids as words: marketing_qualified_lead → marketing qualified lead. */
export const humanize = (value: string | null | undefined) => (value ? value.replaceAll('_', ' ') : '—');

// The table's dates, written without Intl (see format/plain-format.ts).
export { formatDateTime } from '../format/plain-format';
