import { addCalendarDays, isValidTimezone, timezoneOffsetMs, zonedParts, zonedTimeToUtc } from './zoned-time';

const HOUR_MS = 3_600_000;

describe('zonedParts', () => {
  it('reads the wall clock and ISO weekday in the zone', () => {
    // 2026-03-08 is a Sunday; 04:59Z is still Saturday evening in New York.
    expect(zonedParts(new Date('2026-03-08T04:59:00Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 3,
      day: 7,
      hour: 23,
      minute: 59,
      second: 0,
      weekday: 6,
    });
    expect(zonedParts(new Date('2026-03-08T12:00:00Z'), 'UTC').weekday).toBe(7);
  });

  it('prints midnight as hour 0, not 24', () => {
    expect(zonedParts(new Date('2026-06-01T22:00:00Z'), 'Europe/Paris')).toMatchObject({ day: 2, hour: 0 });
  });

  it('throws on an unknown zone', () => {
    expect(() => zonedParts(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('timezoneOffsetMs', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'America/New_York', -5],
    ['2026-07-15T12:00:00Z', 'America/New_York', -4],
    ['2026-01-15T12:00:00Z', 'Europe/Paris', 1],
    ['2026-07-15T12:00:00Z', 'Europe/Paris', 2],
    ['2026-07-15T12:00:00Z', 'Asia/Kolkata', 5.5],
  ])('%s in %s is UTC%+d', (iso, zone, hours) => {
    expect(timezoneOffsetMs(Date.parse(iso), zone)).toBe(hours * HOUR_MS);
  });
});

describe('zonedTimeToUtc', () => {
  const local = (iso: string) => {
    const [date = '', time = ''] = iso.split('T');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    return { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0 };
  };

  it.each([
    // Plain times on either side of each 2026 change.
    ['2026-03-07T09:00', 'America/New_York', '2026-03-07T14:00:00.000Z'],
    ['2026-03-08T09:00', 'America/New_York', '2026-03-08T13:00:00.000Z'],
    ['2026-10-31T09:00', 'America/New_York', '2026-10-31T13:00:00.000Z'],
    ['2026-11-01T09:00', 'America/New_York', '2026-11-01T14:00:00.000Z'],
    ['2026-03-28T09:00', 'Europe/Paris', '2026-03-28T08:00:00.000Z'],
    ['2026-03-29T09:00', 'Europe/Paris', '2026-03-29T07:00:00.000Z'],
    ['2026-10-24T09:00', 'Europe/Paris', '2026-10-24T07:00:00.000Z'],
    ['2026-10-25T09:00', 'Europe/Paris', '2026-10-25T08:00:00.000Z'],
    ['2026-07-01T00:00', 'Asia/Kolkata', '2026-06-30T18:30:00.000Z'],
    ['2026-07-01T00:00', 'UTC', '2026-07-01T00:00:00.000Z'],
  ])('%s in %s is %s', (wall, zone, expected) => {
    expect(zonedTimeToUtc(local(wall), zone).toISOString()).toBe(expected);
  });

  it.each([
    // Skipped by the spring change: the first instant that exists is the change itself.
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    ['2026-03-08T02:00', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    ['2026-03-29T02:15', 'Europe/Paris', '2026-03-29T01:00:00.000Z'],
  ])('a time in the spring gap, %s in %s, moves forward to %s', (wall, zone, expected) => {
    const instant = zonedTimeToUtc(local(wall), zone);
    expect(instant.toISOString()).toBe(expected);
    expect(zonedParts(instant, zone).hour).toBe(3);
  });

  it.each([
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-10-25T02:30', 'Europe/Paris', '2026-10-25T00:30:00.000Z'],
  ])('a time repeated in the autumn, %s in %s, takes its first occurrence %s', (wall, zone, expected) => {
    expect(zonedTimeToUtc(local(wall), zone).toISOString()).toBe(expected);
  });

  it('round-trips every hour of a year with DST changes', () => {
    for (const zone of ['America/New_York', 'Europe/Paris', 'Australia/Sydney']) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += HOUR_MS) {
        const parts = zonedParts(new Date(t), zone);
        const back = zonedTimeToUtc(parts, zone).getTime();
        // Only the second pass through a repeated hour may map back elsewhere: to its first pass.
        if (back !== t) expect(back).toBe(t - HOUR_MS);
      }
    }
  });
});

describe('addCalendarDays', () => {
  it('crosses month and year ends and reports the weekday', () => {
    expect(addCalendarDays({ year: 2026, month: 12, day: 30 }, 3)).toEqual({
      year: 2027,
      month: 1,
      day: 2,
      weekday: 6,
    });
    expect(addCalendarDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({
      year: 2026,
      month: 2,
      day: 28,
      weekday: 6,
    });
  });
});

describe('isValidTimezone', () => {
  it.each([
    ['Europe/Paris', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('%s -> %s', (zone, valid) => {
    expect(isValidTimezone(zone)).toBe(valid);
  });
});
