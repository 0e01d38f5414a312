import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedRequest {
  method: 'GET' | 'PATCH' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  sent: number;
  errors: number;
  non2xx: number;
  /** Each response's latency in ms, measured from when it was due to be sent, sorted. */
  latencies: number[];
  seconds: number;
}

/**
 * Open-loop load at a constant rate (the wrk2 model): request i is due at start + i / rate
 * whether or not earlier ones have answered, and its latency counts from that instant, so
 * a stall shows up in the figures instead of silently lowering the rate.
 *
 * Why not autocannon's overallRate: it gives each connection a per-second budget that the
 * connection spends back to back at the start of every second, then idles. "200 req/s" on
 * 20 connections is thus a burst at full speed for part of each second, and its latencies
 * are those of the maximum-rate run, not of a steady 200 requests per second.
 */
export async function pacedLoad(options: {
  baseUrl: string;
  rate: number;
  seconds: number;
  request: (index: number) => PacedRequest;
  /** Sockets kept open to the server; a request waits for a free one (that wait counts). */
  maxSockets?: number;
}): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const base = new URL(options.baseUrl);
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const inFlight: Array<Promise<void>> = [];

  const send = (index: number, dueAt: number) =>
    new Promise<void>((resolve) => {
      const { method, path, headers, body } = options.request(index);
      const req = http.request({ host: base.hostname, port: base.port, method, path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - dueAt);
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx += 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });

  const start = performance.now();
  for (let index = 0; index < total; index += 1) {
    const dueAt = start + index * interval;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(index, dueAt));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent: total, errors, non2xx, latencies, seconds: (performance.now() - start) / 1000 };
}
