import { afterFailedSignIn, afterSuccessfulSignIn, lockRemainingSeconds, type LockoutPolicy } from './lockout';

const policy: LockoutPolicy = { maxFailures: 3, lockMs: 60_000 };
const now = new Date('2025-01-01T00:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('sign-in lockout', () => {
  it('locks on the last allowed failure and not before', () => {
    let state = { failedCount: 0, lockedUntil: null as Date | null };
    state = afterFailedSignIn(state, now, policy);
    state = afterFailedSignIn(state, now, policy);
    expect(state).toEqual({ failedCount: 2, lockedUntil: null });
    state = afterFailedSignIn(state, now, policy);
    expect(state.lockedUntil).toEqual(later(60_000));
    expect(lockRemainingSeconds(state, now)).toBe(60);
  });

  it('is unlocked once the lock has run out, and a new failure starts a fresh count', () => {
    const locked = { failedCount: 3, lockedUntil: later(60_000) };
    expect(lockRemainingSeconds(locked, later(60_000))).toBe(0);
    expect(afterFailedSignIn(locked, later(61_000), policy)).toEqual({ failedCount: 1, lockedUntil: null });
  });

  it('rounds the remaining time up so Retry-After is never 0 while locked', () => {
    expect(lockRemainingSeconds({ failedCount: 3, lockedUntil: later(1) }, now)).toBe(1);
  });

  it('clears everything after a successful sign-in', () => {
    expect(afterSuccessfulSignIn()).toEqual({ failedCount: 0, lockedUntil: null });
  });
});
