import type { Server as HttpServer } from 'node:http';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import {
  ForbiddenError,
  LIVE_CLIENT_MESSAGES,
  LIVE_SERVER_MESSAGES,
  LiveHandshakeAuthSchema,
  ROOM_PERMISSIONS,
  ResumeRequestSchema,
  SubscribeRequestSchema,
  TooManyRequestsError,
  UnauthorizedError,
  can,
  internalRoomName,
  parseRoomName,
  roomsForEvent,
  type DomainEvent,
  type LiveAck,
  type LiveHandshakeAuth,
  type Principal,
  type RoomRef,
} from '@cadenza/core';
import {
  isOwnershipScoped,
  latestEventSeq,
  listDomainEventsAfter,
  loadRecordOwners,
  type DataSource,
} from '@cadenza/data';
import type { SessionResolver } from '../http/authenticate';
import { EventFanout } from './event-fanout';
import { EventVisibility } from './event-visibility';
import { createLiveAuthenticator, type LiveCredentials } from './live-authenticator';
import { originAllowed, sameHostOrigins } from './app-origins';
import { defaultLiveConfig, type LiveConfig } from './live-config';
import { handshakeError, toLiveFailure } from './live-errors';
import { SocketStream } from './socket-stream';
import { TokenBucket } from './token-bucket';

export interface LiveGatewayDependencies {
  db: DataSource;
  /** The gateway opens its own connections: the adapter's two and the event subscriber. */
  redisUrl: string;
  resolveSession?: SessionResolver;
  config?: Partial<LiveConfig>;
  /**
   * Origins whose pages may connect (APP_ORIGINS, app-origins.ts). A browser handshake from any
   * other origin is refused before authentication; clients without an Origin header (scripts with
   * an API key) still authenticate as before. When omitted, pages of the requested host connect.
   */
  allowedOrigins?: ReadonlySet<string>;
  /**
   * Extra check that a record belongs to the principal's tenant (once CRM tables exist).
   * Without it, tenant scoping comes from the room name, which is built from the principal.
   */
  authorizeRoom?: (principal: Principal, room: RoomRef) => Promise<boolean>;
  onError?: (error: unknown, context: string) => void;
}

export interface LiveGateway {
  io: Server;
  /** Disconnects this instance's sockets and its Redis connections; leaves the HTTP server to its owner. */
  close: () => Promise<void>;
}

interface SocketState {
  principal: Principal;
  credentials: LiveCredentials;
  handshake: LiveHandshakeAuth;
}

/** A socket refused this many messages in a row by the rate limit is cut off. */
const MAX_REFUSALS = 100;

/**
 * The Socket.IO gateway on the API's HTTP server: authenticates the handshake like the
 * REST API, lets clients join rooms of their own tenant only (checked again on every
 * join), replays the event log after the client's last seq, then streams live events
 * that arrive through Redis. Each socket is fed without awaiting it, so one slow client
 * never holds the others back; one that falls too far behind is dropped and resumes by seq.
 */
export function attachLiveGateway(server: HttpServer, deps: LiveGatewayDependencies): LiveGateway {
  const config = { ...defaultLiveConfig(), ...deps.config };
  const onError = deps.onError ?? ((error, context) => console.error(`live gateway: ${context}:`, error));
  const authenticate = createLiveAuthenticator(deps.db, deps.resolveSession);
  const redisOptions = { maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(times * 100, 2000) };
  const adapterPub = new Redis(deps.redisUrl, redisOptions);
  const adapterSub = adapterPub.duplicate();
  const eventSub = new Redis(deps.redisUrl, redisOptions);
  for (const [name, client] of [
    ['adapter publisher', adapterPub],
    ['adapter subscriber', adapterSub],
    ['event subscriber', eventSub],
  ] as const) {
    // ioredis reconnects by itself; the log covers what is published meanwhile.
    client.on('error', (error: Error) => onError(error, `redis ${name}`));
  }

  // Small inbound frames: clients only send subscribe/unsubscribe/resume.
  const io = new Server(server, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
  io.adapter(createAdapter(adapterPub, adapterSub, { key: 'cadenza-live' }));

  const streams = new Map<string, Set<SocketStream>>();
  // Sales reps' sockets get only events about records they may read: owners looked up per batch.
  const visibility = new EventVisibility((tenantId, refs) => loadRecordOwners(deps.db.manager, tenantId, refs));
  const fanout = new EventFanout({
    subscriber: eventSub,
    head: (tenantId) => latestEventSeq(deps.db.manager, tenantId),
    loader: (tenantId) => (after, limit) => listDomainEventsAfter(deps.db.manager, tenantId, after, limit),
    prepare: (tenantId, events) => visibility.annotate(tenantId, events),
    dispatch: (event) => {
      for (const stream of streams.get(event.tenantId) ?? []) stream.live(event);
    },
    resyncIntervalMs: config.LIVE_RESYNC_INTERVAL_MS,
    onError,
  });

  io.use((socket, next) => {
    // The session cookie rides along with any page's connection: without this, another site's page
    // could open a socket as the signed-in user and read their tenant's events.
    const origin = socket.handshake.headers.origin;
    if (!originAllowed(origin, deps.allowedOrigins ?? sameHostOrigins(socket.handshake.headers.host))) {
      return next(handshakeError(new ForbiddenError(`origin ${origin} may not open live connections (APP_ORIGINS)`)));
    }
    const handshake = LiveHandshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (!handshake.success) return next(handshakeError(handshake.error));
    const credentials: LiveCredentials = { token: handshake.data.token, request: socket.request };
    authenticate(credentials).then(
      (principal) => {
        if (!principal) return next(handshakeError(new UnauthorizedError()));
        const state: SocketState = { principal, credentials, handshake: handshake.data };
        socket.data = state;
        next();
      },
      (error: unknown) => {
        onError(error, 'handshake');
        next(handshakeError(error));
      },
    );
  });

  /** Re-authenticates and authorizes one join: a revoked key or a foreign room is refused every time. */
  async function joinRoom(socket: Socket, state: SocketState, name: string): Promise<string> {
    const principal = await authenticate(state.credentials);
    if (!principal || principal.tenantId !== state.principal.tenantId) {
      socket.disconnect(true);
      throw new UnauthorizedError('the credentials of this connection are no longer valid');
    }
    const ref = parseRoomName(name, principal.tenantId);
    const permission = ROOM_PERMISSIONS[ref.kind];
    if (permission && !can(principal.role, permission)) {
      throw new ForbiddenError(`role ${principal.role} may not watch ${ref.kind} rooms`);
    }
    if (deps.authorizeRoom && !(await deps.authorizeRoom(principal, ref))) {
      throw new ForbiddenError(`room "${name}" is not visible to this principal`);
    }
    await socket.join(internalRoomName(principal.tenantId, ref));
    return name;
  }

  io.on('connection', (socket) => {
    const state = socket.data as SocketState;
    const tenantId = state.principal.tenantId;
    const bucket = new TokenBucket(config.LIVE_MESSAGES_PER_SECOND, config.LIVE_MESSAGE_BURST);
    let refusals = 0;
    const engine = socket.conn as unknown as { writeBuffer?: unknown[] };
    const buffered = () => engine.writeBuffer?.length ?? 0;

    const scoped = isOwnershipScoped(state.principal);
    const stream = new SocketStream({
      load: async (after, limit) => {
        const page = await listDomainEventsAfter(deps.db.manager, tenantId, after, limit);
        if (scoped) await visibility.annotate(tenantId, page);
        return page;
      },
      matches: (event) =>
        roomsForEvent(event).some((room) => socket.rooms.has(room)) && visibility.visibleTo(state.principal, event),
      send: (event: DomainEvent) => {
        if (buffered() > config.LIVE_MAX_BUFFERED_PACKETS) {
          // Closing the transport (not the socket) lets the client reconnect and resume by seq.
          socket.conn.close();
          return;
        }
        socket.emit(LIVE_SERVER_MESSAGES.event, event);
      },
      onCaughtUp: (seq) => socket.emit(LIVE_SERVER_MESSAGES.ready, { seq }),
      onReset: (seq) => socket.emit(LIVE_SERVER_MESSAGES.reset, { seq, reason: 'retention' }),
      onFailure: (error) => {
        onError(error, `replay for socket ${socket.id}`);
        socket.conn.close();
      },
      waitForRoom: () =>
        buffered() < config.LIVE_MAX_BUFFERED_PACKETS / 2
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              socket.conn.once('drain', () => resolve());
              socket.conn.once('close', () => resolve());
            }),
    });
    // Taken before any await, so a disconnect that comes first always has a reference to release.
    const feedReady = fanout.retain(tenantId);
    const tenantStreams = streams.get(tenantId) ?? new Set<SocketStream>();
    streams.set(tenantId, tenantStreams);
    tenantStreams.add(stream);

    /** Runs a client message under the rate limit and answers through its ack (or live_error). */
    const handle =
      (work: (body: unknown) => Promise<LiveAck>) =>
      (body: unknown, ack?: unknown): void => {
        const answer = (reply: LiveAck) =>
          typeof ack === 'function'
            ? (ack as (reply: LiveAck) => void)(reply)
            : socket.emit(LIVE_SERVER_MESSAGES.error, reply);
        if (!bucket.take()) {
          refusals += 1;
          if (refusals > MAX_REFUSALS) socket.disconnect(true);
          answer(toLiveFailure(new TooManyRequestsError('too many messages on this connection: slow down', 1)));
          return;
        }
        refusals = 0;
        work(body).then(answer, (error: unknown) => {
          if (!(error instanceof Error && 'status' in error)) onError(error, `message on socket ${socket.id}`);
          answer(toLiveFailure(error));
        });
      };

    socket.on(
      LIVE_CLIENT_MESSAGES.subscribe,
      handle(async (body) => ({
        ok: true,
        room: await joinRoom(socket, state, SubscribeRequestSchema.parse(body).room),
      })),
    );
    socket.on(
      LIVE_CLIENT_MESSAGES.unsubscribe,
      handle(async (body) => {
        const { room } = SubscribeRequestSchema.parse(body);
        await socket.leave(internalRoomName(tenantId, parseRoomName(room, tenantId)));
        return { ok: true, room };
      }),
    );
    socket.on(
      LIVE_CLIENT_MESSAGES.resume,
      handle(async (body) => {
        await stream.resume(ResumeRequestSchema.parse(body).lastSeq);
        return { ok: true, seq: stream.position };
      }),
    );
    socket.on('disconnect', () => {
      stream.close();
      tenantStreams.delete(stream);
      if (tenantStreams.size === 0) streams.delete(tenantId);
      fanout.release(tenantId);
    });

    void (async () => {
      for (const room of state.handshake.rooms ?? []) {
        await joinRoom(socket, state, room).catch((error: unknown) =>
          socket.emit(LIVE_SERVER_MESSAGES.error, toLiveFailure(error)),
        );
      }
      await feedReady;
      const start = state.handshake.lastSeq ?? (await latestEventSeq(deps.db.manager, tenantId));
      await stream.resume(start);
    })().catch((error: unknown) => {
      onError(error, `start of socket ${socket.id}`);
      socket.conn.close();
    });
  });

  return {
    io,
    close: async () => {
      fanout.close();
      io.local.disconnectSockets(true);
      io.engine.close();
      io.of('/').adapter.close();
      await Promise.all([adapterPub, adapterSub, eventSub].map((client) => client.quit().catch(() => undefined)));
    },
  };
}
