/**
 * The client side of bench/live-updates.ts, run in child processes so that 1,000
 * socket.io-client connections do not share the gateway's event loop. Talks to the
 * parent over IPC: connect, report counts, hand back receipt times.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '@cadenza/core';

type Command =
  | { type: 'connect'; urls: string[]; token: string; room: string; count: number }
  | { type: 'counts' }
  | { type: 'receipts'; fromSeq: number; toSeq: number }
  | { type: 'close' };

const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
/** Receipt times (epoch ms) of each seq, one entry per client that received it. */
const receipts = new Map<number, number[]>();
let received = 0;

const send = (message: unknown) => process.send?.(message);

async function connectAll(command: Extract<Command, { type: 'connect' }>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < command.count) {
      const index = next++;
      const socket = io(command.urls[index % command.urls.length] ?? '', {
        transports: ['websocket'],
        auth: { token: command.token, rooms: [command.room] },
        reconnection: false,
        forceNew: true,
      });
      socket.on('event', (event: DomainEvent) => {
        const at = now();
        received += 1;
        const list = receipts.get(event.seq) ?? [];
        list.push(at);
        receipts.set(event.seq, list);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      sockets.push(socket);
    }
  };
  await Promise.all(Array.from({ length: 50 }, lane));
}

process.on('message', (command: Command) => {
  if (command.type === 'connect') {
    connectAll(command).then(
      () => send({ type: 'connected', count: sockets.length }),
      (error: unknown) => send({ type: 'error', message: String(error) }),
    );
  } else if (command.type === 'counts') {
    send({ type: 'counts', received });
  } else if (command.type === 'receipts') {
    const out: Array<[number, number[]]> = [];
    for (let seq = command.fromSeq; seq <= command.toSeq; seq++) out.push([seq, receipts.get(seq) ?? []]);
    send({ type: 'receipts', receipts: out });
  } else {
    for (const socket of sockets) socket.disconnect();
    process.exit(0);
  }
});
send({ type: 'started' });
