import { isIanaTimeZone, TimeZoneSchema } from './timezone';

describe('IANA time zones', () => {
  it('accepts real zones', () => {
    expect(['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'].every(isIanaTimeZone)).toBe(true);
  });

  it('rejects made-up zones and injection strings', () => {
    expect(['Mars/Olympus', 'Europe/Paris; DROP TABLE', '', '../etc'].some(isIanaTimeZone)).toBe(false);
    expect(TimeZoneSchema.safeParse('Nowhere/Town').error?.issues[0]?.message).toMatch(/IANA/);
  });
});
