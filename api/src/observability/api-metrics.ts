import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The API's Prometheus metrics. A registry per app (not prom-client's global one) so tests and
 * several apps in one process never collide on metric names.
 */
export interface ApiMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  socketConnections: Gauge;
  socketConnectionsTotal: Counter;
}

export function createApiMetrics(options: { defaultMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'cadenza_api_' });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'cadenza_http_request_duration_seconds',
      help: 'HTTP request latency, in seconds, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      // Covers fast reads (5 ms) up to slow Temporal round trips (10 s).
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    socketConnections: new Gauge({
      name: 'cadenza_socket_connections',
      help: 'Socket.IO connections open on this API instance',
      registers: [registry],
    }),
    socketConnectionsTotal: new Counter({
      name: 'cadenza_socket_connections_total',
      help: 'Socket.IO connections accepted since start',
      registers: [registry],
    }),
  };
}

/** Something that emits Socket.IO-style connection events (a Socket.IO `Server`). */
export interface ConnectionEmitter {
  on(
    event: 'connection',
    listener: (socket: { once(event: 'disconnect', listener: () => void): unknown }) => void,
  ): unknown;
}

/**
 * Keeps the socket gauges right for a Socket.IO server: the live-updates gateway calls this
 * once with its `io` server, so connection metrics need no code in the gateway itself.
 */
export function trackSocketConnections(io: ConnectionEmitter, metrics: ApiMetrics): void {
  io.on('connection', (socket) => {
    metrics.socketConnections.inc();
    metrics.socketConnectionsTotal.inc();
    socket.once('disconnect', () => metrics.socketConnections.dec());
  });
}
