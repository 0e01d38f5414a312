import type { Redis } from 'ioredis';
import { DomainEventSchema, type DomainEvent } from '@cadenza/core';
import { eventChannel, tenantOfChannel } from '@cadenza/data';
import type { EventLoader } from './event-loader';
import { TenantFeed } from './tenant-feed';

export interface EventFanoutOptions {
  /** A dedicated connection: Redis puts a subscribing connection in subscriber mode. */
  subscriber: Redis;
  head: (tenantId: string) => Promise<number>;
  loader: (tenantId: string) => EventLoader;
  /** Called on each batch of a tenant's events before any of it is dispatched (see TenantFeed). */
  prepare?: (tenantId: string, events: DomainEvent[]) => Promise<void>;
  /** Called once per event, in seq order per tenant, for tenants that have local sockets. */
  dispatch: (event: DomainEvent) => void;
  /** Safety net for lost pub/sub messages when no later event reveals the gap. */
  resyncIntervalMs: number;
  onError: (error: unknown, context: string) => void;
}

/** How long a first subscription may take before the feed starts anyway (Redis down: it resyncs on reconnect). */
const SUBSCRIBE_WAIT_MS = 1000;

/**
 * This API instance's end of the Redis fan-out: it subscribes to the channels of the
 * tenants that have sockets here, turns each channel into a gapless TenantFeed, and
 * catches every feed up from the log when the Redis connection comes back.
 */
export class EventFanout {
  private readonly feeds = new Map<string, { feed: Promise<TenantFeed>; refs: number }>();
  private readonly timer: NodeJS.Timeout;
  private wasReady: boolean;

  constructor(private readonly options: EventFanoutOptions) {
    const { subscriber } = options;
    this.wasReady = subscriber.status === 'ready';
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(String(channel), message));
    subscriber.on('ready', () => {
      if (this.wasReady) void this.recover();
      this.wasReady = true;
    });
    this.timer = setInterval(() => this.catchUpAll(), options.resyncIntervalMs);
    this.timer.unref();
  }

  /** A socket of `tenantId` connected here; the first one subscribes this instance to the tenant. */
  retain(tenantId: string): Promise<TenantFeed> {
    const entry = this.feeds.get(tenantId);
    if (entry) {
      entry.refs += 1;
      return entry.feed;
    }
    const feed = this.openFeed(tenantId);
    this.feeds.set(tenantId, { feed, refs: 1 });
    return feed;
  }

  /**
   * After a reconnect: subscribe to every channel again (not left to ioredis's
   * auto-resubscribe, which a subscribe queued while connecting can leave undone), then
   * read from the log whatever was published while the connection was down.
   */
  private async recover(): Promise<void> {
    const channels = [...this.feeds.keys()].map(eventChannel);
    if (channels.length > 0) {
      await this.options.subscriber
        .subscribe(...channels)
        .catch((error: unknown) => this.options.onError(error, 'resubscribe'));
    }
    this.catchUpAll();
  }

  /** A subscribe sent before the connection is ready would be mixed up with its ready check. */
  private connected(): Promise<void> {
    const { subscriber } = this.options;
    return subscriber.status === 'ready'
      ? Promise.resolve()
      : new Promise((resolve) => subscriber.once('ready', resolve));
  }

  /** Subscribes first, then reads the head, so no event falls between the two. */
  private async openFeed(tenantId: string): Promise<TenantFeed> {
    await Promise.race([
      this.connected()
        .then(() => this.options.subscriber.subscribe(eventChannel(tenantId)))
        .catch((error: unknown) => this.options.onError(error, 'subscribe')),
      new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref()),
    ]);
    return new TenantFeed({
      start: () => this.options.head(tenantId),
      load: this.options.loader(tenantId),
      emit: this.options.dispatch,
      prepare: async (events) => this.options.prepare?.(tenantId, events),
      onError: (error) => this.options.onError(error, `tenant ${tenantId} feed`),
    });
  }

  release(tenantId: string): void {
    const entry = this.feeds.get(tenantId);
    if (!entry) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    this.feeds.delete(tenantId);
    this.options.subscriber
      .unsubscribe(eventChannel(tenantId))
      .catch((error: unknown) => this.options.onError(error, 'unsubscribe'));
  }

  catchUpAll(): void {
    for (const { feed } of this.feeds.values()) void feed.then((ready) => ready.catchUp());
  }

  close(): void {
    clearInterval(this.timer);
    this.feeds.clear();
  }

  private onMessage(channel: string, message: Buffer): void {
    const tenantId = tenantOfChannel(channel);
    const entry = tenantId ? this.feeds.get(tenantId) : undefined;
    if (!entry || !tenantId) return;
    let events: DomainEvent[];
    try {
      events = DomainEventSchema.array().parse(JSON.parse(message.toString('utf8')));
    } catch (error) {
      this.options.onError(error, `malformed message on ${channel}`);
      return;
    }
    // A message on a tenant's channel only ever speaks for that tenant.
    const own = events.filter((event) => event.tenantId === tenantId);
    void entry.feed.then((feed) => feed.push(own));
  }
}
