import type { DomainEvent } from '@cadenza/core';
import { SocketStream, type SocketStreamOptions } from './socket-stream';

const event = (seq: number, subjectId = 'c1'): DomainEvent => ({
  tenantId: 't',
  seq,
  type: 'contact.updated',
  subject: 'contact',
  subjectId,
  payload: {},
  actor: { kind: 'system', id: null },
  occurredAt: new Date(0).toISOString(),
});

/** A log held in an array, whose reads resolve only when the test lets them. */
function harness(logSeqs: number[], overrides: Partial<SocketStreamOptions> = {}) {
  const log = logSeqs.map((seq) => event(seq));
  const sent: number[] = [];
  const caughtUp: number[] = [];
  const resets: number[] = [];
  const gates: Array<() => void> = [];
  const stream = new SocketStream({
    load: async (after, limit) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      return log.filter((e) => e.seq > after).slice(0, limit);
    },
    matches: () => true,
    send: (e) => sent.push(e.seq),
    onCaughtUp: (seq) => caughtUp.push(seq),
    onReset: (seq) => resets.push(seq),
    onFailure: (error) => {
      throw error;
    },
    pageSize: 3,
    ...overrides,
  });
  const openGates = async () => {
    for (let i = 0; i < 50; i++) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { log, sent, caughtUp, resets, stream, openGates };
}

describe('SocketStream', () => {
  it('replays after lastSeq in pages, buffers live events meanwhile, and sends each once in order', async () => {
    const h = harness([1, 2, 3, 4, 5, 6, 7]);
    const done = h.stream.resume(2);
    h.stream.live(event(7)); // already in the log: arrives live during the replay too
    h.log.push(event(8));
    h.stream.live(event(8));
    await h.openGates();
    await done;
    h.stream.live(event(8));
    h.stream.live(event(9));
    expect(h.sent).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(h.caughtUp).toEqual([8]);
  });

  it('goes back to the log when the live stream skips a seq', async () => {
    const h = harness([1, 2]);
    const done = h.stream.resume(2);
    await h.openGates();
    await done;
    h.log.push(event(3), event(4));
    h.stream.live(event(4));
    await h.openGates();
    expect(h.sent).toEqual([3, 4]);
  });

  it('advances past events the socket’s rooms do not want, without sending them', async () => {
    const h = harness([1, 2, 3], { matches: (e) => e.seq !== 2 });
    const done = h.stream.resume(0);
    await h.openGates();
    await done;
    h.stream.live(event(4));
    expect(h.sent).toEqual([1, 3, 4]);
    expect(h.stream.position).toBe(4);
  });

  it('tells the client to refetch when retention pruned what it lacks', async () => {
    const h = harness([5, 6]);
    const done = h.stream.resume(1);
    await h.openGates();
    await done;
    expect(h.resets).toEqual([4]);
    expect(h.sent).toEqual([5, 6]);
  });

  it('reports a failed log read instead of going live with a hole', async () => {
    const failures: unknown[] = [];
    const stream = new SocketStream({
      load: () => Promise.reject(new Error('db down')),
      matches: () => true,
      send: () => undefined,
      onCaughtUp: () => undefined,
      onReset: () => undefined,
      onFailure: (error) => failures.push(error),
    });
    await stream.resume(0);
    expect(failures).toHaveLength(1);
  });

  it('sends nothing after close', async () => {
    const h = harness([1]);
    const done = h.stream.resume(0);
    h.stream.close();
    await h.openGates();
    await done;
    h.stream.live(event(2));
    expect(h.sent).toEqual([]);
  });
});

describe('SocketStream before its first resume', () => {
  it('holds live events until it knows where the client is', async () => {
    const h = harness([1, 2, 3]);
    h.stream.live(event(3));
    expect(h.sent).toEqual([]);
    const done = h.stream.resume(1);
    await h.openGates();
    await done;
    expect(h.sent).toEqual([2, 3]);
  });
});
