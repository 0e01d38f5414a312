import { SendingWindowSchema } from '../flow-settings';
import { nextSendingTime, sendingWindowTimezone, type SendingWindow } from './sending-window';

const window = (overrides: Partial<SendingWindow> = {}): SendingWindow =>
  SendingWindowSchema.parse({ timezone: 'UTC', useContactTimezone: false, ...overrides });
const next = (iso: string, w: SendingWindow | undefined, contactTz?: string | null) =>
  nextSendingTime(new Date(iso), w, contactTz).toISOString();

describe('nextSendingTime', () => {
  it('returns the same instant without a window', () => {
    expect(next('2026-05-02T03:00:00.000Z', undefined)).toBe('2026-05-02T03:00:00.000Z');
  });

  it.each([
    // 2026-05-04 is a Monday; the default window is Mon-Fri 09:00-17:00.
    ['inside', '2026-05-04T12:34:00.000Z', '2026-05-04T12:34:00.000Z'],
    ['exactly at the opening is inside', '2026-05-04T09:00:00.000Z', '2026-05-04T09:00:00.000Z'],
    ['a minute before closing is inside', '2026-05-04T16:59:00.000Z', '2026-05-04T16:59:00.000Z'],
    ['exactly at the closing is outside', '2026-05-04T17:00:00.000Z', '2026-05-05T09:00:00.000Z'],
    ['early morning waits for the opening', '2026-05-04T06:00:00.000Z', '2026-05-04T09:00:00.000Z'],
    ['Friday evening waits for Monday', '2026-05-08T18:00:00.000Z', '2026-05-11T09:00:00.000Z'],
    ['Saturday waits for Monday', '2026-05-09T10:00:00.000Z', '2026-05-11T09:00:00.000Z'],
    ['Sunday night waits for Monday', '2026-05-10T23:59:00.000Z', '2026-05-11T09:00:00.000Z'],
  ])('%s', (_, at, expected) => {
    expect(next(at, window())).toBe(expected);
  });

  it('waits a full week when the only day just closed', () => {
    const mondays = window({ days: ['mon'], start: '10:00', end: '11:00' });
    expect(next('2026-05-04T11:00:00.000Z', mondays)).toBe('2026-05-11T10:00:00.000Z');
    expect(next('2026-05-04T10:30:00.000Z', mondays)).toBe('2026-05-04T10:30:00.000Z');
  });

  it('reads the window in the flow timezone', () => {
    const paris = window({ timezone: 'Europe/Paris' });
    // 17:30Z on a Friday in May is 19:30 in Paris: closed until Monday 09:00 Paris (07:00Z).
    expect(next('2026-05-08T17:30:00.000Z', paris)).toBe('2026-05-11T07:00:00.000Z');
    // 07:30Z is 09:30 Paris: open.
    expect(next('2026-05-08T07:30:00.000Z', paris)).toBe('2026-05-08T07:30:00.000Z');
  });

  it("uses the contact's timezone when asked and valid, the flow's otherwise", () => {
    const w = window({ timezone: 'Europe/Paris', useContactTimezone: true });
    // Monday 12:00Z: 14:00 in Paris (open), 08:00 in New York (opens at 13:00Z).
    expect(next('2026-05-04T12:00:00.000Z', w, 'America/New_York')).toBe('2026-05-04T13:00:00.000Z');
    expect(next('2026-05-04T12:00:00.000Z', w, 'Not/AZone')).toBe('2026-05-04T12:00:00.000Z');
    expect(next('2026-05-04T12:00:00.000Z', w, null)).toBe('2026-05-04T12:00:00.000Z');
    expect(next('2026-05-04T12:00:00.000Z', { ...w, useContactTimezone: false }, 'America/New_York')).toBe(
      '2026-05-04T12:00:00.000Z',
    );
    expect(sendingWindowTimezone(w, 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });

  it("treats Friday evening in the contact's zone as Friday even when UTC says Saturday", () => {
    const w = window({ timezone: 'UTC', useContactTimezone: true });
    // Saturday 01:00Z is Friday 21:00 in New York: next opening is Monday 09:00 EDT.
    expect(next('2026-05-09T01:00:00.000Z', w, 'America/New_York')).toBe('2026-05-11T13:00:00.000Z');
  });

  describe('across DST changes', () => {
    const everyDay = (timezone: string) =>
      window({ timezone, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });

    it.each([
      // New York springs forward on Sunday 2026-03-08 (EST -5 -> EDT -4).
      ['America/New_York', '2026-03-07T23:00:00.000Z', '2026-03-08T13:00:00.000Z'],
      ['America/New_York', '2026-03-06T23:00:00.000Z', '2026-03-07T14:00:00.000Z'],
      // ... and falls back on Sunday 2026-11-01 (EDT -4 -> EST -5).
      ['America/New_York', '2026-10-31T22:00:00.000Z', '2026-11-01T14:00:00.000Z'],
      ['America/New_York', '2026-10-30T22:00:00.000Z', '2026-10-31T13:00:00.000Z'],
      // Paris springs forward on Sunday 2026-03-29 (CET +1 -> CEST +2).
      ['Europe/Paris', '2026-03-28T18:00:00.000Z', '2026-03-29T07:00:00.000Z'],
      ['Europe/Paris', '2026-03-27T18:00:00.000Z', '2026-03-28T08:00:00.000Z'],
      // ... and falls back on Sunday 2026-10-25 (CEST +2 -> CET +1).
      ['Europe/Paris', '2026-10-24T18:00:00.000Z', '2026-10-25T08:00:00.000Z'],
      ['Europe/Paris', '2026-10-23T18:00:00.000Z', '2026-10-24T07:00:00.000Z'],
    ])('in %s, from %s the 09:00 opening is %s', (zone, at, expected) => {
      expect(next(at, everyDay(zone))).toBe(expected);
    });

    it('closes at 17:00 local on the day of the change, not an hour off', () => {
      const ny = everyDay('America/New_York');
      // 16:30 EDT on the spring-forward day is 20:30Z, inside; 17:00 EDT (21:00Z) is closed.
      expect(next('2026-03-08T20:30:00.000Z', ny)).toBe('2026-03-08T20:30:00.000Z');
      expect(next('2026-03-08T21:00:00.000Z', ny)).toBe('2026-03-09T13:00:00.000Z');
      // On the fall-back day 17:00 EST is 22:00Z.
      expect(next('2026-11-01T21:30:00.000Z', ny)).toBe('2026-11-01T21:30:00.000Z');
      expect(next('2026-11-01T22:00:00.000Z', ny)).toBe('2026-11-02T14:00:00.000Z');
    });

    it('opens at the first valid instant when the opening time does not exist', () => {
      const w = window({ timezone: 'America/New_York', days: ['sun'], start: '02:30', end: '05:00' });
      // 02:30 on 2026-03-08 is skipped; the window opens at 03:00 EDT (07:00Z).
      expect(next('2026-03-08T05:00:00.000Z', w)).toBe('2026-03-08T07:00:00.000Z');
      const paris = window({ timezone: 'Europe/Paris', days: ['sun'], start: '02:00', end: '04:00' });
      expect(next('2026-03-29T00:30:00.000Z', paris)).toBe('2026-03-29T01:00:00.000Z');
    });

    it('skips a day whose whole window falls in the spring gap', () => {
      const w = window({ timezone: 'America/New_York', days: ['sun'], start: '02:10', end: '02:50' });
      // Next Sunday 02:10 EDT is 06:10Z.
      expect(next('2026-03-08T05:00:00.000Z', w)).toBe('2026-03-15T06:10:00.000Z');
    });
  });
});
