import type { DomainEvent, EventSubject } from './domain-event';

/** Records that have an owner: a sales rep reads only their own (contacts, deals, tasks). */
export type OwnedRecordKind = 'contact' | 'deal' | 'task';

/**
 * The record whose owner decides who may see an event. `id` is null for an event that should
 * name a contact and names none (a message to no contact): it belongs to nobody.
 */
export interface OwnedRecordRef {
  kind: OwnedRecordKind;
  id: string | null;
}

/**
 * How each subject's events are owned. Owned records answer for themselves; notes, messages,
 * runs, steps and agent drafts are about a contact named in the payload (`contactId`), as
 * their REST routes are; the rest (companies, flows, imports, users, the tenant) are
 * workspace-wide. Keyed by every subject, so a new subject must be decided here to compile.
 */
const OWNERSHIP: Record<EventSubject, 'self' | 'payload_contact' | 'none'> = {
  contact: 'self',
  deal: 'self',
  task: 'self',
  note: 'payload_contact',
  message: 'payload_contact',
  run: 'payload_contact',
  step: 'payload_contact',
  approval: 'payload_contact',
  company: 'none',
  flow: 'none',
  import: 'none',
  user: 'none',
  tenant: 'none',
};

/** The record an event is about, for ownership; null when the event is about nothing anyone owns. */
export function ownedRecordOf(event: Pick<DomainEvent, 'subject' | 'subjectId' | 'payload'>): OwnedRecordRef | null {
  const rule = OWNERSHIP[event.subject];
  if (rule === 'none') return null;
  if (rule === 'self') return { kind: event.subject as OwnedRecordKind, id: event.subjectId };
  const contactId = event.payload?.contactId;
  return { kind: 'contact', id: typeof contactId === 'string' && contactId ? contactId : null };
}

/** One key per record, for maps of owners. */
export const ownedRecordKey = (ref: { kind: OwnedRecordKind; id: string }) => `${ref.kind}:${ref.id}`;
