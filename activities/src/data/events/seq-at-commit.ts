import {
  EventSubscriber,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import type { DomainEvent } from '@cadenza/core';

/**
 * Events get their seq inside COMMIT (see DomainEventCommitSeq1764300800000), so the
 * objects appendDomainEvents returns learn theirs just after: this subscriber reads the
 * seqs of the transaction's rows back on the same connection once it has committed,
 * before the transaction call returns to its caller.
 */
const AWAITING = 'cadenzaEventsAwaitingSeq';

interface Awaiting {
  id: string;
  event: DomainEvent;
}

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

export function awaitSeqsAtCommit(queryRunner: QueryRunner, awaiting: Awaiting[]): void {
  if (awaiting.length === 0) return;
  const data = queryRunner.data as Record<string, Awaiting[] | undefined>;
  (data[AWAITING] ??= []).push(...awaiting);
}

function takeAwaiting(queryRunner: QueryRunner): Awaiting[] {
  const data = queryRunner.data as Record<string, Awaiting[] | undefined>;
  const awaiting = data[AWAITING] ?? [];
  delete data[AWAITING];
  return awaiting;
}

/**
 * Registered on every data source (createDataSource). A failed read-back is not thrown:
 * the transaction has committed, and failing its caller would report a change as lost
 * that is in fact stored; its events stay unnumbered and the relay publishes them anyway.
 */
export class EventSeqSubscriber implements EntitySubscriberInterface {
  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint is not the commit: the rows are numbered when the outer one commits.
    if (event.queryRunner.isTransactionActive) return;
    const awaiting = takeAwaiting(event.queryRunner);
    if (awaiting.length === 0) return;
    try {
      const rows = (await event.queryRunner.query(`SELECT id, seq FROM domain_events WHERE id = ANY($1::bigint[])`, [
        awaiting.map((entry) => entry.id),
      ])) as Array<{ id: string; seq: string | null }>;
      const seqs = new Map(rows.map((row) => [row.id, row.seq]));
      for (const entry of awaiting) {
        const seq = seqs.get(entry.id);
        if (seq !== undefined && seq !== null) assignSeq(entry.event, Number(seq));
      }
    } catch {
      // Left unnumbered on purpose (see above).
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // Events of a rolled back savepoint stay listed; their rows are gone, so the read-back skips them.
    if (!event.queryRunner.isTransactionActive) takeAwaiting(event.queryRunner);
  }
}

// TypeORM only instantiates subscriber classes registered through its decorator; applied as a call
// because the project compiles without experimentalDecorators.
EventSubscriber()(EventSeqSubscriber);
