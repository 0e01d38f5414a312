import { FRAME_BUDGET_MS, frameStats } from './frame-stats';

describe('frameStats', () => {
  it('counts the refreshes each long interval skipped', () => {
    const stats = frameStats([FRAME_BUDGET_MS, FRAME_BUDGET_MS, 3 * FRAME_BUDGET_MS, 60]);
    expect(stats.frames).toBe(4);
    expect(stats.droppedFrames).toBe(2 + 3);
    expect(stats.longFrames).toBe(1);
    expect(stats.maxMs).toBe(60);
    expect(stats.smoothness).toBeCloseTo(4 / 9, 2);
  });

  it('calls a steady 60 Hz run smooth, with a little jitter', () => {
    const stats = frameStats(Array.from({ length: 100 }, (_, i) => FRAME_BUDGET_MS + (i % 2 ? 2 : -2)));
    expect(stats.droppedFrames).toBe(0);
    expect(stats.smoothness).toBe(1);
    expect(stats.p95Ms).toBeCloseTo(18.67, 1);
  });
});
