import { describe, expect, it } from 'vitest';
import { sampleReplies, spokenDate, weekdayAfter } from './sample-replies';

describe('sample replies', () => {
  it('dates the out-of-office return on a weekday, written as responders write it', () => {
    // Wednesday 2026-12-09 + 5 days is Monday 2026-12-14; Friday + 1 skips the weekend.
    expect(spokenDate(weekdayAfter(new Date('2026-12-09T10:00:00Z'), 5))).toBe('Monday, 14 December');
    expect(weekdayAfter(new Date('2026-12-11T10:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2026-12-14');
  });

  it('offers one reply per way a lead answers, only the out-of-office one automatic', () => {
    const replies = sampleReplies(new Date('2026-12-09T10:00:00Z'));
    expect(replies.map((r) => r.label)).toEqual([
      'Interested',
      'Out of office',
      'Not now',
      'Wrong person',
      'Unsubscribe',
    ]);
    expect(replies.filter((r) => r.automatic).map((r) => r.label)).toEqual(['Out of office']);
    expect(replies[1]!.text).toContain('until Monday, 14 December');
  });
});
