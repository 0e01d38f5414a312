import { IsoDateTimeSchema } from './common';

describe('IsoDateTimeSchema', () => {
  it('takes real time zone offsets', () => {
    for (const value of ['2026-03-29T01:30:00Z', '2026-03-29T01:30:00+14:00', '2026-03-29T01:30:00-12:00']) {
      expect(IsoDateTimeSchema.safeParse(value).success).toBe(true);
    }
  });

  it('refuses offsets no time zone has (PostgreSQL would fail on them)', () => {
    const result = IsoDateTimeSchema.safeParse('2000-01-01T00:00:00+16:00');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/within ±14:00/);
  });
});
