import { toDate } from './to-date';

describe('toDate', () => {
  it.each([
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
    [Date.UTC(2026, 0, 2), '2026-01-02T00:00:00.000Z'],
    ['2026-01-02T03:04:05.678+01:00', '2026-01-02T02:04:05.678Z'],
    ['2026-01-02T03:04Z', '2026-01-02T03:04:00.000Z'],
    ['2026-01-02', '2026-01-02T00:00:00.000Z'],
    ['2026-01-02T03:04:05', null],
    ['Jan 2 2026', null],
    [new Date(Number.NaN), null],
    [Number.POSITIVE_INFINITY, null],
    [{}, null],
  ])('%j -> %s', (value, expected) => {
    expect(toDate(value, 'UTC')?.toISOString() ?? null).toBe(expected);
  });
});

it('reads a date-only text as midnight in the given timezone', () => {
  expect(toDate('2026-07-01', 'America/New_York')?.toISOString()).toBe('2026-07-01T04:00:00.000Z');
});
