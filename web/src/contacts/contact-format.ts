import type { Contact, TimelineEntry } from '@cadenza/core';

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName' | 'email'>) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '(no name)';

/** lifecycle stage ids as words: marketing_qualified_lead → marketing qualified lead. */
export const humanize = (value: string | null | undefined) => (value ? value.replaceAll('_', ' ') : '—');

const ACTOR_KIND_LABEL: Record<TimelineEntry['actor']['kind'], string> = {
  user: 'a user',
  api_key: 'an API key',
  workflow: 'a flow run',
  system: 'Cadenza',
};

/** Who did it, as a person reads it: the user's name, else what kind of caller it was. */
export const actorLabel = (actor: TimelineEntry['actor']) => actor.name ?? ACTOR_KIND_LABEL[actor.kind];
