/**
 * Brute-force lockout per user: after `maxFailures` failed sign-ins in a row the account
 * refuses every attempt, even a correct one, until `lockMs` has passed.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}

export interface LockoutState {
  failedCount: number;
  lockedUntil: Date | null;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

/** Seconds until the lock ends, or 0 when the account is not locked. */
export function lockRemainingSeconds(state: LockoutState, now: Date): number {
  if (!state.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
}

export function afterFailedSignIn(state: LockoutState, now: Date, policy: LockoutPolicy): LockoutState {
  // A lock that has run out starts a fresh count, so one more mistake does not relock at once.
  const expired = state.lockedUntil !== null && state.lockedUntil <= now;
  const failedCount = (expired ? 0 : state.failedCount) + 1;
  if (failedCount >= policy.maxFailures) {
    return { failedCount, lockedUntil: new Date(now.getTime() + policy.lockMs) };
  }
  return { failedCount, lockedUntil: expired ? null : state.lockedUntil };
}

export const afterSuccessfulSignIn = (): LockoutState => ({ failedCount: 0, lockedUntil: null });
