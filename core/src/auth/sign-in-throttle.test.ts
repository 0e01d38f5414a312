import {
  DEFAULT_SIGN_IN_THROTTLE,
  claimAttempt,
  isThrottled,
  throttleDelayMs,
  type SignInThrottleState,
} from './sign-in-throttle';

const policy = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 8_000 };
const now = new Date('2026-12-07T03:00:00Z');

describe('sign-in throttle', () => {
  it('gives a few free failures, then a doubling delay capped at the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 100].map((n) => throttleDelayMs(n, policy))).toEqual([
      0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
    expect(throttleDelayMs(10_000, DEFAULT_SIGN_IN_THROTTLE)).toBe(DEFAULT_SIGN_IN_THROTTLE.maxDelayMs);
  });

  it('counts a claimed attempt and sets the delay from the new count', () => {
    let state: SignInThrottleState = { failedCount: 0, notBefore: null };
    for (let i = 0; i < 2; i++) state = claimAttempt(state, now, policy);
    expect(state).toEqual({ failedCount: 2, notBefore: null });
    state = claimAttempt(state, now, policy);
    expect(state).toEqual({ failedCount: 3, notBefore: new Date(now.getTime() + 1_000) });
  });

  it('turns attempts away only until the delay has passed: never a long lock', () => {
    const state = { failedCount: 50, notBefore: new Date(now.getTime() + 8_000) };
    expect(isThrottled(state, now)).toBe(true);
    expect(isThrottled(state, new Date(now.getTime() + 8_000))).toBe(false);
    expect(isThrottled({ failedCount: 2, notBefore: null }, now)).toBe(false);
  });
});
