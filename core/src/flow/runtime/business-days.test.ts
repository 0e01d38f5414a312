import type { Duration } from '../primitives';
import { addBusinessDays, addDuration, addLocalDays, moveOffWeekend } from './business-days';

const add = (iso: string, duration: Duration, businessDaysOnly: boolean, timezone?: string) =>
  addDuration(new Date(iso), duration, { businessDaysOnly, timezone }).toISOString();

// 2026-05-04 is a Monday, 2026-05-08 a Friday, 2026-05-09 a Saturday.
describe('addDuration', () => {
  it.each([
    ['90 minutes', '2026-05-04T10:00:00.000Z', { amount: 90, unit: 'minutes' }, '2026-05-04T11:30:00.000Z'],
    ['3 hours', '2026-05-04T22:00:00.000Z', { amount: 3, unit: 'hours' }, '2026-05-05T01:00:00.000Z'],
    ['2 days over a weekend', '2026-05-08T10:00:00.000Z', { amount: 2, unit: 'days' }, '2026-05-10T10:00:00.000Z'],
    ['3 weeks', '2026-05-04T10:00:00.000Z', { amount: 3, unit: 'weeks' }, '2026-05-25T10:00:00.000Z'],
    ['31 days over a month end', '2026-01-31T10:00:00.000Z', { amount: 31, unit: 'days' }, '2026-03-03T10:00:00.000Z'],
  ] as const)('calendar time: %s', (_, at, duration, expected) => {
    expect(add(at, duration, false)).toBe(expected);
  });

  it.each([
    ['Friday + 1 day is Monday', '2026-05-08T10:00:00.000Z', { amount: 1, unit: 'days' }, '2026-05-11T10:00:00.000Z'],
    [
      'Thursday + 2 days is Monday',
      '2026-05-07T10:00:00.000Z',
      { amount: 2, unit: 'days' },
      '2026-05-11T10:00:00.000Z',
    ],
    ['Monday + 4 days is Friday', '2026-05-04T10:00:00.000Z', { amount: 4, unit: 'days' }, '2026-05-08T10:00:00.000Z'],
    ['Monday + 5 days is Monday', '2026-05-04T10:00:00.000Z', { amount: 5, unit: 'days' }, '2026-05-11T10:00:00.000Z'],
    ['Wednesday + 10 days', '2026-05-06T10:00:00.000Z', { amount: 10, unit: 'days' }, '2026-05-20T10:00:00.000Z'],
    ['Saturday + 1 day is Monday', '2026-05-09T10:00:00.000Z', { amount: 1, unit: 'days' }, '2026-05-11T10:00:00.000Z'],
    ['Sunday + 2 days is Tuesday', '2026-05-10T10:00:00.000Z', { amount: 2, unit: 'days' }, '2026-05-12T10:00:00.000Z'],
    ['a week is 5 business days', '2026-05-06T10:00:00.000Z', { amount: 1, unit: 'weeks' }, '2026-05-13T10:00:00.000Z'],
    [
      'Saturday + 1 week is Friday',
      '2026-05-09T10:00:00.000Z',
      { amount: 1, unit: 'weeks' },
      '2026-05-15T10:00:00.000Z',
    ],
    ['hours landing on Saturday', '2026-05-08T20:00:00.000Z', { amount: 6, unit: 'hours' }, '2026-05-11T02:00:00.000Z'],
    [
      'minutes staying on Friday',
      '2026-05-08T20:00:00.000Z',
      { amount: 30, unit: 'minutes' },
      '2026-05-08T20:30:00.000Z',
    ],
  ] as const)('business days: %s', (_, at, duration, expected) => {
    expect(add(at, duration, true)).toBe(expected);
  });

  it('decides weekdays in the given timezone', () => {
    // Friday 23:00Z is already Saturday 08:00 in Tokyo: +1 business day is Monday 08:00 Tokyo.
    expect(add('2026-05-08T23:00:00.000Z', { amount: 1, unit: 'days' }, true, 'Asia/Tokyo')).toBe(
      '2026-05-10T23:00:00.000Z',
    );
    // In UTC the same instant is a Friday, so +1 business day is Monday 23:00Z.
    expect(add('2026-05-08T23:00:00.000Z', { amount: 1, unit: 'days' }, true)).toBe('2026-05-11T23:00:00.000Z');
  });

  it.each([
    // Friday 09:00 EST + 1 business day crosses the 2026-03-08 spring change: Monday 09:00 EDT.
    ['America/New_York', '2026-03-06T14:00:00.000Z', true, '2026-03-09T13:00:00.000Z'],
    ['America/New_York', '2026-10-31T13:00:00.000Z', false, '2026-11-01T14:00:00.000Z'],
    ['Europe/Paris', '2026-03-28T08:00:00.000Z', false, '2026-03-29T07:00:00.000Z'],
    ['Europe/Paris', '2026-10-23T07:00:00.000Z', true, '2026-10-26T08:00:00.000Z'],
  ])('keeps 09:00 local across a DST change in %s', (zone, at, businessDaysOnly, expected) => {
    expect(add(at, { amount: 1, unit: 'days' }, businessDaysOnly, zone)).toBe(expected);
  });

  it('keeps hours as elapsed time across a DST change', () => {
    // 00:00 EST + 24 hours on the spring-forward day is 01:00 EDT the next day.
    expect(add('2026-03-08T05:00:00.000Z', { amount: 24, unit: 'hours' }, false, 'America/New_York')).toBe(
      '2026-03-09T05:00:00.000Z',
    );
  });
});

describe('addLocalDays', () => {
  it('goes backwards with a negative count and moves a skipped time forward', () => {
    expect(addLocalDays(new Date('2026-05-04T10:00:00.000Z'), -3, 'UTC').toISOString()).toBe(
      '2026-05-01T10:00:00.000Z',
    );
    // 02:30 EST on 2026-03-07 + 1 day is 02:30 on 2026-03-08, which does not exist: 03:00 EDT.
    expect(addLocalDays(new Date('2026-03-07T07:30:00.000Z'), 1, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });
});

describe('addBusinessDays', () => {
  it('returns the same instant for zero days', () => {
    expect(addBusinessDays(new Date('2026-05-09T10:00:00.000Z'), 0, 'UTC').toISOString()).toBe(
      '2026-05-09T10:00:00.000Z',
    );
  });
});

describe('moveOffWeekend', () => {
  it.each([
    ['2026-05-08T10:00:00.000Z', '2026-05-08T10:00:00.000Z'],
    ['2026-05-09T10:00:00.000Z', '2026-05-11T10:00:00.000Z'],
    ['2026-05-10T23:59:00.000Z', '2026-05-11T23:59:00.000Z'],
  ])('%s -> %s', (at, expected) => {
    expect(moveOffWeekend(new Date(at), 'UTC').toISOString()).toBe(expected);
  });

  it('keeps the local time across a DST change', () => {
    // Saturday 2026-03-07 10:00 EST -> Monday 2026-03-09 10:00 EDT.
    expect(moveOffWeekend(new Date('2026-03-07T15:00:00.000Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });
});
