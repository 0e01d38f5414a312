import type { EntityManager } from 'typeorm';
import type { TimelineEntryCreate } from '@cadenza/core';
import { CrmWrite, type CrmPrincipal } from '@cadenza/data';

/** The system writing on its own behalf (a reading is nobody's act). */
export const systemPrincipal = (tenantId: string): CrmPrincipal => ({
  tenantId,
  userId: null,
  role: 'admin',
  via: 'api_key',
  actor: { kind: 'system', id: null },
});

/**
 * Adds a timeline entry in the caller's transaction, and tells the screens showing the contact
 * (the contact's live room) that there is one.
 */
export async function addTimelineEntry(
  manager: EntityManager,
  principal: CrmPrincipal,
  contactId: string,
  entry: TimelineEntryCreate,
): Promise<void> {
  const write = new CrmWrite(manager, principal);
  const entryId = await write.timeline(contactId, entry);
  write.event('contact.timeline_added', 'contact', contactId, { entryId, kind: entry.kind });
  await write.flush();
}
