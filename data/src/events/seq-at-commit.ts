import {
  EventSubscriber,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import type { DomainEvent } from '@cadenza/core';

/**
 * Events are numbered just after the transaction that wrote them commits (see
 * DomainEventCommitSeq1764300800000): this subscriber, registered on every data source,
 * calls number_domain_events for each tenant the transaction wrote events for, on the same
 * connection, before the transaction call returns to its caller; the seqs it hands back
 * fill in the events appendDomainEvents returned.
 */
const AWAITING = 'cadenzaEventsAwaitingSeq';

interface Awaiting {
  id: string;
  /** The object appendDomainEvents returned for the row (recordDomainEvents returns none). */
  event?: DomainEvent;
}

type AwaitingByTenant = Map<string, Awaiting[]>;

const unnumbered = new WeakSet<DomainEvent>();

/** An event whose `seq` throws until its transaction commits and the seq is read back. */
export function unnumberedEvent(fields: Omit<DomainEvent, 'seq'>): DomainEvent {
  const event = { ...fields } as DomainEvent;
  Object.defineProperty(event, 'seq', {
    enumerable: true,
    configurable: true,
    get() {
      throw new Error('an event’s seq is assigned when its transaction commits: read it after the commit');
    },
  });
  unnumbered.add(event);
  return event;
}

/** False for an event whose transaction has not committed (or whose seq could not be read back). */
export const isNumbered = (event: DomainEvent): boolean => !unnumbered.has(event);

function assignSeq(event: DomainEvent, seq: number): void {
  Object.defineProperty(event, 'seq', { value: seq, enumerable: true, writable: true, configurable: true });
  unnumbered.delete(event);
}

/** Asks for the tenant's events to be numbered once this transaction commits; `awaiting` get their seqs then. */
export function awaitSeqsAtCommit(queryRunner: QueryRunner, tenantId: string, awaiting: Awaiting[]): void {
  const data = queryRunner.data as Record<string, AwaitingByTenant | undefined>;
  const byTenant = (data[AWAITING] ??= new Map());
  byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), ...awaiting]);
}

function takeAwaiting(queryRunner: QueryRunner): AwaitingByTenant {
  const data = queryRunner.data as Record<string, AwaitingByTenant | undefined>;
  const byTenant = data[AWAITING] ?? new Map<string, Awaiting[]>();
  delete data[AWAITING];
  return byTenant;
}

/**
 * A failed numbering is not thrown: the transaction has committed, and failing its caller
 * would report a change as lost that is in fact stored. Its events stay unnumbered until
 * the tenant's next numbering or the event relay's sweep (sweepUnnumberedEvents).
 */
export class EventSeqSubscriber implements EntitySubscriberInterface {
  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint is not the commit: the rows are numbered when the outer one commits.
    if (event.queryRunner.isTransactionActive) return;
    for (const [tenantId, awaiting] of takeAwaiting(event.queryRunner)) {
      try {
        const seqs = await numberDomainEvents(
          event.queryRunner,
          tenantId,
          awaiting.map((entry) => entry.id),
        );
        for (const entry of awaiting) {
          const seq = seqs.get(entry.id);
          if (entry.event && seq !== undefined && seq !== null) assignSeq(entry.event, Number(seq));
        }
      } catch {
        // Left unnumbered on purpose (see above).
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // Rows of a rolled back savepoint are gone; numbering skips what it cannot find.
    if (!event.queryRunner.isTransactionActive) takeAwaiting(event.queryRunner);
  }
}

/**
 * Numbers a tenant's committed events (`ids` first, with any others still unnumbered) and
 * NOTIFYs the range; answers the seq of each of `ids` (null when it could not be numbered).
 */
export async function numberDomainEvents(
  db: { query: (sql: string, parameters?: unknown[]) => Promise<unknown> },
  tenantId: string,
  ids: string[],
): Promise<Map<string, string | null>> {
  const rows = (await db.query(`SELECT id, seq FROM number_domain_events($1, $2::bigint[])`, [
    tenantId,
    ids,
  ])) as Array<{
    id: string;
    seq: string | null;
  }>;
  return new Map(rows.map((row) => [row.id, row.seq]));
}

/** Numbers what a crashed writer left unnumbered (the event relay runs it now and then). */
export async function sweepUnnumberedEvents(db: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  await db.query(
    `SELECT number_domain_events(t.tenant_id, '{}') FROM (SELECT DISTINCT tenant_id FROM domain_events WHERE seq IS NULL) t`,
  );
}

// TypeORM only instantiates subscriber classes registered through its decorator; applied as a call
// because the project compiles without experimentalDecorators.
EventSubscriber()(EventSeqSubscriber);
