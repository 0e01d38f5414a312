import { describe, expect, it } from 'vitest';
import { nearEnd } from './near-end';

describe('nearEnd', () => {
  it('says when the scroller is within the margin of its end', () => {
    expect(nearEnd({ scrollTop: 700, scrollHeight: 1000, clientHeight: 200 })).toBe(true);
    expect(nearEnd({ scrollTop: 0, scrollHeight: 1000, clientHeight: 200 })).toBe(false);
    expect(nearEnd({ scrollTop: 500, scrollHeight: 1000, clientHeight: 200 }, 400)).toBe(true);
    // A list shorter than its scroller is at its end already.
    expect(nearEnd({ scrollTop: 0, scrollHeight: 100, clientHeight: 200 })).toBe(true);
  });
});
