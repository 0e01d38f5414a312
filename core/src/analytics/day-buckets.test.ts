import { daysBetween, fillDailySeries } from './day-buckets';

describe('day buckets', () => {
  it('lists every day of a range, across a month end and a DST change', () => {
    expect(daysBetween('2026-03-28', '2026-04-02')).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
    ]);
    expect(daysBetween('2026-01-05', '2026-01-05')).toEqual(['2026-01-05']);
    expect(daysBetween('2026-01-05', '2026-01-04')).toEqual([]);
    expect(() => daysBetween('yesterday', '2026-01-04')).toThrow(RangeError);
  });

  it('fills missing days with zeros and sums repeated rows', () => {
    const series = fillDailySeries(['2026-01-01', '2026-01-02', '2026-01-03'], ['sent', 'opened'] as const, [
      { day: '2026-01-01', metric: 'sent', count: 3 },
      { day: '2026-01-03', metric: 'opened', count: 1 },
      { day: '2026-01-03', metric: 'opened', count: 2 },
      { day: '2025-12-31', metric: 'sent', count: 9 },
      { day: '2026-01-02', metric: 'bogus', count: 9 },
    ]);
    expect(series).toEqual([
      { day: '2026-01-01', sent: 3, opened: 0 },
      { day: '2026-01-02', sent: 0, opened: 0 },
      { day: '2026-01-03', sent: 0, opened: 3 },
    ]);
  });
});
