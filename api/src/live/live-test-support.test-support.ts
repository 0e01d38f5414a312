import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import type { DomainEvent, LiveAck } from '@cadenza/core';
import { EventPublisher, commitAndPublish, type DataSource } from '@cadenza/data';
import { attachLiveGateway, type LiveGateway, type LiveGatewayDependencies } from './live-gateway';

/** One API instance's live gateway on an HTTP server of its own (an ephemeral port). */
export interface TestGateway {
  url: string;
  gateway: LiveGateway;
  errors: Array<{ error: unknown; context: string }>;
  close: () => Promise<void>;
}

export async function startTestGateway(deps: Omit<LiveGatewayDependencies, 'onError'>): Promise<TestGateway> {
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const errors: TestGateway['errors'] = [];
  const gateway = attachLiveGateway(server, { ...deps, onError: (error, context) => errors.push({ error, context }) });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    gateway,
    errors,
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A socket.io-client connection that records every event it receives. */
export interface TestClient {
  socket: ClientSocket;
  events: DomainEvent[];
  ready: number[];
  request: (message: string, body: unknown) => Promise<LiveAck>;
  waitForEvents: (count: number, timeoutMs?: number) => Promise<DomainEvent[]>;
  waitForReady: (timeoutMs?: number) => Promise<number>;
}

export async function connectTestClient(
  url: string,
  auth: Record<string, unknown>,
  /** Handshake headers (a session resolver of a test reads who is signed in from them). */
  extraHeaders?: Record<string, string>,
): Promise<TestClient> {
  const socket = connect(url, { transports: ['websocket'], auth, extraHeaders, reconnection: false, forceNew: true });
  const events: DomainEvent[] = [];
  const ready: number[] = [];
  socket.on('event', (event: DomainEvent) => events.push(event));
  socket.on('ready', ({ seq }: { seq: number }) => ready.push(seq));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const waitUntil = async (done: () => boolean, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    socket,
    events,
    ready,
    request: (message, body) => socket.timeout(5000).emitWithAck(message, body) as Promise<LiveAck>,
    waitForEvents: async (count, timeoutMs = 15_000) => {
      await waitUntil(() => events.length >= count, `${count} events (have ${events.length})`, timeoutMs);
      return events;
    },
    waitForReady: async (timeoutMs = 15_000) => {
      await waitUntil(() => ready.length > 0, 'ready', timeoutMs);
      return ready[ready.length - 1] ?? 0;
    },
  };
}

/** Commits `count` contact events for a tenant, `perTransaction` at a time, publishing each commit. */
export async function writeEvents(
  db: DataSource,
  publisher: EventPublisher,
  tenantId: string,
  count: number,
  options: { perTransaction?: number; subjectId?: string } = {},
): Promise<DomainEvent[]> {
  const perTransaction = options.perTransaction ?? 1;
  const written: DomainEvent[] = [];
  for (let done = 0; done < count; done += perTransaction) {
    const batch = Math.min(perTransaction, count - done);
    written.push(
      ...(await commitAndPublish(db, publisher, tenantId, (_manager, append) =>
        append(
          Array.from({ length: batch }, (_, i) => ({
            type: 'contact.updated',
            subject: 'contact' as const,
            subjectId: options.subjectId ?? 'c1',
            payload: { n: done + i },
          })),
        ),
      )),
    );
  }
  return written;
}

/** A publisher as a worker would have: its own connection, failing fast while Redis is down. */
export function testPublisher(redisUrl: string): { publisher: EventPublisher; redis: Redis; failures: number[] } {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  const failures: number[] = [];
  return {
    redis,
    failures,
    publisher: new EventPublisher(redis, (_error, events) => failures.push(...events.map((e) => e.seq))),
  };
}

export const seqs = (events: DomainEvent[]): number[] => events.map((event) => event.seq);
export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
