import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { EVENT_NOTIFY_CHANNEL, listDomainEventsAfter } from './domain-events';
import type { EventPublisher } from './event-publisher';
import { sweepUnnumberedEvents } from './seq-at-commit';

/** Only one relay publishes at a time; the others wait on this advisory lock as hot standbys. */
const RELAY_LOCK_KEY = 0x43_41_44_5a; // "CADZ"
const RECONNECT_MS = 2000;
/** How often the active relay numbers events a crashed writer left unnumbered. */
const SWEEP_MS = 5000;

/** `tenantId:fromSeq:toSeq` → its parts, or null for a malformed notification. */
export function parseAppendNotice(payload: string): { tenantId: string; fromSeq: number; toSeq: number } | null {
  const [tenantId, from, to] = payload.split(':');
  const fromSeq = Number(from);
  const toSeq = Number(to);
  if (!tenantId || !Number.isInteger(fromSeq) || !Number.isInteger(toSeq) || fromSeq < 1 || toSeq < fromSeq)
    return null;
  return { tenantId, fromSeq, toSeq };
}

export interface EventRelay {
  /** True while this relay holds the lock and publishes. */
  readonly active: boolean;
  close(): Promise<void>;
}

/**
 * Publishes every committed domain event to Redis, whoever wrote it (API or worker):
 * numbering a tenant's committed events NOTIFYs their seq range, PostgreSQL delivers the
 * notice once the numbering commits, and the relay reads those events from the log and
 * publishes them. A notice missed while the relay reconnects is harmless: gateways fill gaps from the log.
 */
export function startEventRelay(options: {
  databaseUrl: string;
  db: DataSource;
  publisher: EventPublisher;
  onError?: (error: Error) => void;
}): EventRelay {
  let client: Client | undefined;
  let closed = false;
  let active = false;
  let timer: NodeJS.Timeout | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  const report = (error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error)));

  const relay = async (payload: string | undefined) => {
    const notice = payload ? parseAppendNotice(payload) : null;
    if (!notice) return;
    const events = await listDomainEventsAfter(
      options.db.manager,
      notice.tenantId,
      notice.fromSeq - 1,
      notice.toSeq - notice.fromSeq + 1,
    );
    await options.publisher.publishCommitted(events);
  };

  const connect = async () => {
    if (closed) return;
    const next = new Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5000 });
    next.on('error', report);
    next.on('end', () => {
      active = false;
      if (!closed) timer = setTimeout(() => void connect(), RECONNECT_MS);
    });
    next.on('notification', (message) => {
      if (message.channel !== EVENT_NOTIFY_CHANNEL) return;
      // One at a time, in notification (= commit) order, so each tenant's events go out in seq order.
      queue = queue.then(() => relay(message.payload)).catch(report);
    });
    try {
      await next.connect();
      client = next;
      const { rows } = await next.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        RELAY_LOCK_KEY,
      ]);
      if (!rows[0]?.locked) {
        // Another relay is publishing; check again later so one takes over if it dies.
        await next.end();
        return;
      }
      await next.query(`LISTEN ${EVENT_NOTIFY_CHANNEL}`);
      active = true;
      // Writers number their events right after commit; one that died in between leaves
      // them unnumbered (invisible to readers) until this sweep numbers them.
      clearInterval(sweeper);
      sweeper = setInterval(() => {
        if (active) void sweepUnnumberedEvents(options.db).catch(report);
      }, SWEEP_MS);
      sweeper.unref();
    } catch (error) {
      report(error);
      await next.end().catch(() => undefined);
    }
  };

  void connect();
  return {
    get active() {
      return active;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(sweeper);
      active = false;
      await client?.end().catch(() => undefined);
    },
  };
}
