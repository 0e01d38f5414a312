import { io as connect, type Socket } from 'socket.io-client';
import type { DomainEvent } from '@cadenza/core';
import { createDataSource } from '@cadenza/data';
import { waitUntil } from '../scripts/services/wait-until';
import { startApiProcess, type ApiProcess } from './api-process';
import type { DrillServices } from './drill-services';

interface LiveClient {
  socket: Socket;
  seqs: number[];
}

async function liveClient(api: ApiProcess, lastSeq?: number): Promise<LiveClient> {
  const auth: Record<string, unknown> = { token: api.apiKey, rooms: [`tenant:${api.tenantId}`] };
  if (lastSeq !== undefined) auth.lastSeq = lastSeq;
  const socket = connect(api.baseUrl, { transports: ['websocket'], auth, forceNew: true });
  const client: LiveClient = { socket, seqs: [] };
  socket.on('event', (event: DomainEvent) => client.seqs.push(Number(event.seq)));
  await new Promise<void>((resolve) => socket.once('ready', () => resolve()));
  return client;
}

const createContact = (api: ApiProcess, tag: string) =>
  api.call('/api/v1/contacts', {
    method: 'POST',
    body: { firstName: 'Redis', lastName: tag, email: `${tag}@example.com` },
  });

/**
 * Drill 3: Redis stopped under a running API process: /ready says degraded (503), other
 * routes keep answering, and live clients (one staying connected, one resuming by seq)
 * end with every event, none twice.
 */
export async function redisOutageDrill(
  services: DrillServices,
  options: { seconds: number },
  log: (line: string) => void,
) {
  const api = await startApiProcess(services);
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  const count = (label: string, status: number) =>
    (statuses[`${label} ${status}`] = (statuses[`${label} ${status}`] ?? 0) + 1);
  let written = 0;
  const write = async (phase: string) => {
    const answer = await createContact(api, `${phase}-${written}-${Date.now()}`);
    count(`create contact (${phase})`, answer.status);
    if (answer.status === 201) written += 1;
  };
  try {
    const staying = await liveClient(api);
    const resuming = await liveClient(api);
    for (let i = 0; i < 5; i++) await write('before');
    await waitUntil('events before the outage', async () => staying.seqs.length >= 5 && resuming.seqs.length >= 5, {
      timeoutMs: 15_000,
    });
    const lastSeq = Math.max(...resuming.seqs);
    resuming.socket.disconnect();

    await services.stopRedis();
    const down = Date.now();
    const degradedAfterMs = await waitUntil(
      '/ready to report redis down',
      async () => {
        const ready = await api.call('/ready', { timeoutMs: 5000 });
        const body = ready.body as { status?: string; services?: { redis?: { ok?: boolean } } };
        return ready.status === 503 && body.status === 'degraded' && body.services?.redis?.ok === false
          ? Date.now() - down
          : false;
      },
      { timeoutMs: 15_000 },
    );
    let slowest = 0;
    while (Date.now() - down < options.seconds * 1000) {
      const list = await api.call('/api/v1/contacts?limit=5', { timeoutMs: 5000 });
      count('list contacts (down)', list.status);
      slowest = Math.max(slowest, list.ms);
      await write('down');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await services.startRedis();
    const upAfterMs = await waitUntil(
      '/ready after redis is back',
      async () => {
        const ready = await api.call('/ready', { timeoutMs: 5000 });
        return ready.status === 200 ? Date.now() - down : false;
      },
      { timeoutMs: 30_000 },
    );
    for (let i = 0; i < 5; i++) await write('after');

    // The log is the truth: every committed event, whatever Redis was doing at the time.
    const db = await createDataSource({ url: services.databaseUrl, poolSize: 1 }).initialize();
    const [row] = (await db.query(`SELECT coalesce(max(seq), 0)::int AS seq FROM domain_events WHERE tenant_id = $1`, [
      api.tenantId,
    ])) as Array<{ seq: number }>;
    await db.destroy();
    const expected = row!.seq;
    const resumed = await liveClient(api, lastSeq);
    const complete = (c: LiveClient, from: number) => new Set(c.seqs.filter((s) => s > from)).size;
    await waitUntil(
      'live clients caught up',
      async () => {
        return complete(staying, 0) >= expected && lastSeq + complete(resumed, lastSeq) >= expected;
      },
      { timeoutMs: 30_000 },
    ).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const check = (name: string, seqs: number[], from: number) => {
      const want = Array.from({ length: expected - from }, (_, i) => from + i + 1);
      const missing = want.filter((s) => !seqs.includes(s));
      const duplicates = seqs.length - new Set(seqs).size;
      if (missing.length) failures.push(`${name} client missed seqs ${missing.slice(0, 10).join(',')}`);
      if (duplicates) failures.push(`${name} client got ${duplicates} events twice`);
      return { received: seqs.length, missing: missing.length, duplicates };
    };
    const stayingResult = check('connected', staying.seqs, 0);
    const resumedResult = check(
      'resumed',
      resumed.seqs.filter((s) => s > lastSeq),
      lastSeq,
    );
    staying.socket.disconnect();
    resumed.socket.disconnect();
    const otherFailures = Object.entries(statuses).filter(([key]) => / 5\d\d$/.test(key));
    const listOk = statuses['list contacts (down) 200'] ?? 0;
    if (!listOk) failures.push(`no contact list answered during the outage: ${JSON.stringify(statuses)}`);
    for (const [key, n] of otherFailures) if (key.startsWith('list')) failures.push(`${n} x ${key} during the outage`);
    log(
      `degraded after ${degradedAfterMs} ms, ready again ${upAfterMs} ms after the stop; statuses ${JSON.stringify(statuses)}`,
    );
    return {
      outageSeconds: options.seconds,
      degradedReportedAfterMs: degradedAfterMs,
      readyAgainAfterMs: upAfterMs,
      slowestListDuringOutageMs: slowest,
      statuses,
      events: expected,
      contactsWritten: written,
      stayingClient: stayingResult,
      resumedClient: { ...resumedResult, resumedFromSeq: lastSeq },
      failures,
    };
  } finally {
    await api.stop();
  }
}
