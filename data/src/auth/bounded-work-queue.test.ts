import { BoundedWorkQueue, QueueFullError } from './bounded-work-queue';

/** A job that finishes only when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('BoundedWorkQueue', () => {
  it('runs at most maxConcurrent jobs, queues maxWaiting, and refuses the rest at once', async () => {
    const queue = new BoundedWorkQueue({ maxConcurrent: 2, maxWaiting: 3 });
    const gates = Array.from({ length: 8 }, gate);
    let running = 0;
    let peak = 0;
    const results = gates.map((g, i) =>
      queue.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await g.opened;
        running -= 1;
        return i;
      }),
    );
    const settled = results.map((p) =>
      p.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    );
    // Jobs 5..7 are refused without waiting for anything.
    for (const refused of settled.slice(5)) expect(await refused).toEqual({ error: expect.any(QueueFullError) });
    expect(queue.active).toBe(2);
    expect(queue.queued).toBe(3);
    for (const g of gates) g.open();
    expect(await Promise.all(settled.slice(0, 5))).toEqual([0, 1, 2, 3, 4].map((value) => ({ value })));
    expect(peak).toBe(2);
    expect(queue.peakConcurrent).toBe(2);
    expect(queue.active).toBe(0);
  });

  it('frees the slot when a job throws', async () => {
    const queue = new BoundedWorkQueue({ maxConcurrent: 1, maxWaiting: 0 });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
