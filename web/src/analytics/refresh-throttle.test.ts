import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshThrottle } from './refresh-throttle';

describe('RefreshThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a burst once, shortly after it starts, with every key asked for', () => {
    const runs: string[][] = [];
    const throttle = new RefreshThrottle<string>((keys) => runs.push(keys), 3000);
    throttle.request('flow');
    throttle.request('reps');
    throttle.request('flow');
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(runs).toEqual([['flow', 'reps']]);
  });

  it('runs at most once per interval under a steady stream of requests', () => {
    let runs = 0;
    const throttle = new RefreshThrottle<string>(() => (runs += 1), 3000);
    // One request every 100 ms for 10 s.
    for (let t = 0; t < 10_000; t += 100) {
      throttle.request('flow');
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(3000);
    // At 0.25 s, then every 3 s: 3.25, 6.25, 9.25, and the tail at 12.25.
    expect(runs).toBe(5);
  });

  it('runs nothing after cancel', () => {
    const run = vi.fn();
    const throttle = new RefreshThrottle<string>(run, 3000);
    throttle.request('flow');
    throttle.cancel();
    vi.advanceTimersByTime(10_000);
    expect(run).not.toHaveBeenCalled();
  });
});
