import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent, NewDomainEvent } from '@cadenza/core';
import { appendDomainEvents } from './domain-events';
import { isNumbered } from './seq-at-commit';
import { eventChannel } from './event-channel';

/**
 * Fans committed events out to every API instance through Redis. Publishing is best
 * effort by design: the events are already in the log, so when Redis is down the
 * gateways fill the gap from the log once it returns (they notice the seq gap, or
 * resync on reconnect). A failed publish is therefore reported, never thrown.
 */
export class EventPublisher {
  /**
   * Per tenant, the newest event whose publish failed. Re-announcing it when Redis comes
   * back is enough: a gateway that receives seq N reads everything it lacks up to N from
   * the log. So this holds one event per tenant, never a backlog.
   */
  private readonly unannounced = new Map<string, DomainEvent>();

  constructor(
    private readonly redis: Redis,
    private readonly onError: (error: Error, events: DomainEvent[]) => void = () => undefined,
  ) {
    redis.on('ready', () => void this.announcePending());
  }

  /** Call after the transaction that appended `events` has committed. */
  async publishCommitted(events: DomainEvent[]): Promise<void> {
    const byTenant = new Map<string, DomainEvent[]>();
    for (const event of events) byTenant.set(event.tenantId, [...(byTenant.get(event.tenantId) ?? []), event]);
    await Promise.all(
      [...byTenant].map(async ([tenantId, batch]) => {
        try {
          // One message per commit keeps the batch in seq order on the wire.
          await this.redis.publish(eventChannel(tenantId), JSON.stringify(batch));
          const pending = this.unannounced.get(tenantId);
          if (pending && pending.seq <= Math.max(...batch.map((event) => event.seq))) this.unannounced.delete(tenantId);
        } catch (error) {
          this.remember(batch);
          this.onError(error instanceof Error ? error : new Error(String(error)), batch);
        }
      }),
    );
  }

  private remember(batch: DomainEvent[]): void {
    const newest = batch.reduce((a, b) => (b.seq > a.seq ? b : a));
    const pending = this.unannounced.get(newest.tenantId);
    if (!pending || pending.seq < newest.seq) this.unannounced.set(newest.tenantId, newest);
  }

  /** Publishes each tenant's newest unpublished event again; what is still failing stays pending. */
  async announcePending(): Promise<void> {
    const pending = [...this.unannounced.values()];
    for (const event of pending) this.unannounced.delete(event.tenantId);
    await this.publishCommitted(pending);
  }
}

/** Appends events to the log inside the transaction it is handed (see commitAndPublish). */
export type AppendEvents = (events: NewDomainEvent[]) => Promise<DomainEvent[]>;

/**
 * Runs `work` in a transaction, giving it an `append` that writes the tenant's events in
 * that same transaction; once the transaction commits, publishes what was appended. A
 * rolled-back transaction publishes nothing.
 */
export async function commitAndPublish<T>(
  db: DataSource,
  publisher: EventPublisher,
  tenantId: string,
  work: (manager: EntityManager, append: AppendEvents) => Promise<T>,
): Promise<T> {
  const appended: DomainEvent[] = [];
  const result = await db.transaction(async (manager) =>
    work(manager, async (events) => {
      const stored = await appendDomainEvents(manager, tenantId, events);
      appended.push(...stored);
      return stored;
    }),
  );
  // Seqs are read back after the commit; one that could not be is left to the relay.
  await publisher.publishCommitted(appended.filter(isNumbered));
  return result;
}
