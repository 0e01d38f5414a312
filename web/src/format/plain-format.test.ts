import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime } from './plain-format';

describe('formatCount', () => {
  it('groups thousands like en-US', () => {
    for (const value of [0, 7, 999, 1000, 2000, 12345, 100000, 1234567, -4321, 1234.5])
      expect(formatCount(value)).toBe(value.toLocaleString('en-US', { maximumFractionDigits: 20 }));
  });
  it('passes non-finite numbers through', () => {
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(Infinity)).toBe('Infinity');
  });
});

describe('formatDateTime', () => {
  const enUs = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
  it("matches en-US's medium date and short time in the local zone", () => {
    for (const iso of [
      '2026-11-29T02:14:00Z',
      '2026-01-01T00:00:00Z',
      '2026-06-15T12:00:00Z',
      '2026-06-15T23:59:59Z',
      '1999-12-31T11:05:00Z',
    ]) {
      // ICU may put a narrow no-break space before AM/PM; the app writes a plain space.
      expect(formatDateTime(iso)).toBe(enUs.format(new Date(iso)).replace(/\u202f/g, ' '));
      expect(formatDateTime(new Date(iso))).toBe(formatDateTime(iso));
    }
  });
  it('says "—" for no date or an invalid one', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDate('')).toBe('—');
  });
  it('writes the date alone like en-US medium', () => {
    expect(formatDate('2026-03-05T10:00:00')).toBe('Mar 5, 2026');
  });
});
