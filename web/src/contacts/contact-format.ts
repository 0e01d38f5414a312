import type { Contact } from '@cadenza/core';

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName' | 'email'>) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '(no name)';

/** lifecycle stage ids as words: marketing_qualified_lead → marketing qualified lead. */
export const humanize = (value: string | null | undefined) => (value ? value.replaceAll('_', ' ') : '—');
