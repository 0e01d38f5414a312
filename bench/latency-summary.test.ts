import { summarizeLatencies } from './latency-summary';

describe('summarizeLatencies', () => {
  it('takes nearest-rank percentiles whatever the order', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 .. 1
    expect(summarizeLatencies(values)).toEqual({ count: 20, p50Ms: 10, p95Ms: 19, maxMs: 20 });
    expect(summarizeLatencies([7.25])).toEqual({ count: 1, p50Ms: 7.3, p95Ms: 7.3, maxMs: 7.3 });
  });

  it('answers NaN for no samples rather than a made-up zero', () => {
    expect(summarizeLatencies([]).p95Ms).toBeNaN();
  });
});
