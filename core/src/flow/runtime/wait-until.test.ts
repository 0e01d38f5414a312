import type { ContactSnapshot } from './contact-snapshot';
import { waitWakeTime, type WaitSettings } from './wait-until';

const contact = (fields: Record<string, unknown>): ContactSnapshot => ({
  id: 'c1',
  fields,
  engagement: {},
  score: null,
});
const NOW = new Date('2026-05-06T10:00:00.000Z'); // a Wednesday
const wake = (settings: WaitSettings, fields: Record<string, unknown> = {}, timezone?: string) => {
  const result = waitWakeTime(settings, NOW, contact(fields), timezone);
  return result instanceof Date ? result.toISOString() : result;
};

describe('waitWakeTime', () => {
  describe('duration', () => {
    it('adds the duration to now', () => {
      expect(wake({ mode: 'duration', duration: { amount: 2, unit: 'days' }, businessDaysOnly: false })).toBe(
        '2026-05-08T10:00:00.000Z',
      );
      expect(wake({ mode: 'duration', duration: { amount: 3, unit: 'days' }, businessDaysOnly: false })).toBe(
        '2026-05-09T10:00:00.000Z',
      );
    });

    it('counts business days only when asked', () => {
      expect(wake({ mode: 'duration', duration: { amount: 3, unit: 'days' }, businessDaysOnly: true })).toBe(
        '2026-05-11T10:00:00.000Z',
      );
    });

    it('uses the timezone for local days', () => {
      const settings: WaitSettings = {
        mode: 'duration',
        duration: { amount: 1, unit: 'weeks' },
        businessDaysOnly: false,
      };
      // 2026-03-05 09:00 EST + 1 week = 2026-03-12 09:00 EDT.
      const result = waitWakeTime(settings, new Date('2026-03-05T14:00:00.000Z'), contact({}), 'America/New_York');
      expect(result).toEqual(new Date('2026-03-12T13:00:00.000Z'));
    });
  });

  describe('until_date', () => {
    it('wakes at a future date', () => {
      expect(wake({ mode: 'until_date', date: '2026-06-01T09:00:00+02:00', businessDaysOnly: false })).toBe(
        '2026-06-01T07:00:00.000Z',
      );
    });

    it('wakes now when the date is past', () => {
      expect(wake({ mode: 'until_date', date: '2026-01-01T00:00:00Z', businessDaysOnly: false })).toBe(
        NOW.toISOString(),
      );
    });

    it('moves a weekend date to Monday when business days only', () => {
      const settings: WaitSettings = { mode: 'until_date', date: '2026-05-09T12:00:00Z', businessDaysOnly: true };
      expect(wake(settings)).toBe('2026-05-11T12:00:00.000Z');
      expect(wake({ ...settings, businessDaysOnly: false })).toBe('2026-05-09T12:00:00.000Z');
    });
  });

  describe('until_field', () => {
    const settings: WaitSettings = {
      mode: 'until_field',
      field: 'custom.renewalDate',
      offsetDays: 0,
      businessDaysOnly: false,
    };

    it('wakes at the date in the field', () => {
      expect(wake(settings, { custom: { renewalDate: '2026-07-01T08:00:00Z' } })).toBe('2026-07-01T08:00:00.000Z');
    });

    it('reads a date-only field as local midnight in the timezone', () => {
      expect(wake(settings, { custom: { renewalDate: '2026-07-01' } }, 'Europe/Paris')).toBe(
        '2026-06-30T22:00:00.000Z',
      );
      expect(wake(settings, { custom: { renewalDate: '2026-07-01' } })).toBe('2026-07-01T00:00:00.000Z');
    });

    it('adds offsetDays, negative ones included', () => {
      const fields = { custom: { renewalDate: '2026-07-01T08:00:00Z' } };
      expect(wake({ ...settings, offsetDays: -14 }, fields)).toBe('2026-06-17T08:00:00.000Z');
      expect(wake({ ...settings, offsetDays: 3 }, fields)).toBe('2026-07-04T08:00:00.000Z');
    });

    it('moves a weekend result to Monday when business days only', () => {
      // 2026-07-04 is a Saturday.
      const fields = { custom: { renewalDate: '2026-07-01T08:00:00Z' } };
      expect(wake({ ...settings, offsetDays: 3, businessDaysOnly: true }, fields)).toBe('2026-07-06T08:00:00.000Z');
    });

    it('wakes now when the field date (with offset) is past', () => {
      expect(wake({ ...settings, offsetDays: -60 }, { custom: { renewalDate: '2026-07-01' } })).toBe(NOW.toISOString());
    });

    it.each([
      [{}, 'is not set'],
      [{ custom: { renewalDate: null } }, 'is not set'],
      [{ custom: { renewalDate: '' } }, 'is not set'],
      [{ custom: { renewalDate: 'next tuesday' } }, 'is not a date'],
      [{ custom: { renewalDate: '2026-02-30' } }, 'is not a date'],
      [{ custom: { renewalDate: true } }, 'is not a date'],
    ])('returns an error naming the field for %j', (fields, message) => {
      const result = wake(settings, fields);
      expect(result).toEqual({ error: expect.stringContaining(message) });
      expect(result).toEqual({ error: expect.stringContaining('"custom.renewalDate"') });
    });
  });
});
