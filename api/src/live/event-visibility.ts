import { ownedRecordKey, ownedRecordOf, type DomainEvent, type OwnedRecordRef, type Principal } from '@cadenza/core';
import { mayReadOwned } from '@cadenza/data';

/** Owners of the records a batch of events names (loadRecordOwners bound to a database). */
export type RecordOwnerLookup = (tenantId: string, refs: OwnedRecordRef[]) => Promise<Map<string, string | null>>;

/**
 * Which sockets may see which events, by the ownership rule the REST API applies: a sales
 * rep's socket gets events about records they may read (their contacts, deals and tasks, and
 * the notes, messages, runs and drafts about their contacts) and workspace-wide ones.
 *
 * Owners are looked up once per batch (a commit's events, a page of the log) and kept beside
 * each event object, so one lookup serves every socket of the tenant; delivery stays
 * synchronous and in seq order. An event nobody looked up is hidden from scoped readers.
 */
export class EventVisibility {
  private readonly owners = new WeakMap<DomainEvent, ReadonlyMap<string, string | null>>();

  constructor(private readonly lookup: RecordOwnerLookup) {}

  /** Looks up the owners of what `events` name; resolves once `visibleTo` can answer for each of them. */
  async annotate(tenantId: string, events: DomainEvent[]): Promise<void> {
    const refs = events.map(ownedRecordOf).filter((ref): ref is OwnedRecordRef => ref?.id != null);
    if (refs.length === 0) return;
    const owners = await this.lookup(tenantId, refs);
    for (const event of events) this.owners.set(event, owners);
  }

  visibleTo(principal: Principal, event: DomainEvent): boolean {
    const ref = ownedRecordOf(event);
    if (!ref) return true;
    if (!ref.id) return mayReadOwned(principal, null);
    const owners = this.owners.get(event);
    const key = ownedRecordKey({ kind: ref.kind, id: ref.id.toLowerCase() });
    if (!owners || owners.has(key)) return mayReadOwned(principal, owners?.get(key));
    // A deleted record can no longer be looked up; its deletion event says whose it was.
    const recorded = event.subject === ref.kind ? event.payload?.ownerId : undefined;
    return mayReadOwned(principal, typeof recorded === 'string' ? recorded : undefined);
  }
}
