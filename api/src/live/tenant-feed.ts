import type { DomainEvent } from '@cadenza/core';
import type { EventLoader } from './event-loader';

export interface TenantFeedOptions {
  /** Seq already covered when the feed starts (the log head); resolved before anything is emitted. */
  start: () => Promise<number>;
  load: EventLoader;
  emit: (event: DomainEvent) => void;
  /**
   * Work on each batch before any of it is emitted (looking up who may see it), in the
   * feed's order; a failure leaves the batch to the next catch-up, as a failed load does.
   */
  prepare?: (events: DomainEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
  pageSize?: number;
}

/**
 * One tenant's live stream on one API instance, made gapless and ordered. Redis pub/sub
 * may lose messages (an outage) or deliver two commits' messages out of order (publishers
 * race after commit); since the log's seq has no gaps, a jump means something is missing,
 * and the feed reads it from the log before going on. Work runs one step at a time.
 */
export class TenantFeed {
  private last = 0;
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly pageSize: number;

  constructor(private readonly options: TenantFeedOptions) {
    this.pageSize = options.pageSize ?? 500;
    void this.run(async () => undefined);
  }

  /** Seq of the last event emitted (or the start point). */
  get position(): number {
    return this.last;
  }

  /** Events received from Redis (one commit's batch). */
  push(events: DomainEvent[]): Promise<void> {
    const sorted = [...events].sort((a, b) => a.seq - b.seq);
    return this.run(async () => {
      await this.options.prepare?.(sorted);
      for (const event of sorted) {
        if (event.seq <= this.last) continue;
        // Everything before a committed seq is committed too (seq locks serialize commits).
        if (event.seq > this.last + 1) await this.fill(event.seq - 1);
        if (event.seq === this.last + 1) this.deliver(event);
      }
    });
  }

  /** Reads whatever the log holds past the feed's position: after a Redis outage, or as a periodic safety net. */
  catchUp(): Promise<void> {
    return this.run(() => this.fill(Number.POSITIVE_INFINITY));
  }

  private deliver(event: DomainEvent): void {
    this.last = event.seq;
    this.options.emit(event);
  }

  private async fill(upTo: number): Promise<void> {
    while (this.last < upTo) {
      const page = await this.options.load(this.last, this.pageSize);
      await this.options.prepare?.(page);
      for (const event of page) if (event.seq > this.last && event.seq <= upTo) this.deliver(event);
      if (page.length < this.pageSize) return;
    }
  }

  /** A failed step (database down) is reported; the next push or catch-up retries from the same position. */
  private run(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain
      .then(async () => {
        // Without a start point the feed would replay the whole log; a failed start is retried first.
        if (!this.started) {
          this.last = await this.options.start();
          this.started = true;
        }
        await step();
      })
      .catch((error: unknown) => this.options.onError?.(error));
    return this.chain;
  }
}
