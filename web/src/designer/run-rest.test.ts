import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../format/plain-format';
import { restLine } from './run-rest';

describe('restLine', () => {
  const until = '2027-01-05T09:00:00.000Z';

  it('says until when and why an out-of-office reply paused the run', () => {
    expect(restLine({ restingUntil: until, restReason: 'out_of_office', endedAt: null })).toBe(
      `Paused until ${formatDateTime(until)} (out of office)`,
    );
  });

  it('says a "not now" run is snoozed and starts over', () => {
    expect(restLine({ restingUntil: until, restReason: 'not_now', endedAt: null })).toBe(
      `Snoozed until ${formatDateTime(until)} (not now): starts the flow over then`,
    );
  });

  it('says nothing for a run that does not rest, or has ended', () => {
    expect(restLine({ restingUntil: null, restReason: null, endedAt: null })).toBeNull();
    expect(restLine({ restingUntil: until, restReason: 'out_of_office', endedAt: until })).toBeNull();
  });
});
