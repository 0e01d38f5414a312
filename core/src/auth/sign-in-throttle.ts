/**
 * Per-account progressive delay for password checks. A hard lock (refuse everything for
 * 15 minutes after 5 failures) let anyone lock anyone out; instead, after a few free failures
 * each further attempt on the account must wait a doubling delay, capped, before it is even
 * evaluated. Every attempt is counted as a failure when it is claimed (before the slow hash
 * runs), so parallel guesses cannot slip through between the check and the count; a success
 * clears the count. Attempts that arrive during the delay are not evaluated and not counted,
 * so they cannot stretch it: the delay never exceeds `maxDelayMs` after the last evaluated
 * attempt. A browser that signed in to the account before (a trusted device) has its own
 * counter and skips the account's delay, so an attacker cannot keep the owner out.
 */
export interface SignInThrottlePolicy {
  /** Failures in a row before the delay starts (room for typos); the one reaching it starts it. */
  freeFailures: number;
  /** Delay after the first failure beyond the free ones; doubles with each further failure. */
  baseDelayMs: number;
  /** The delay never grows past this. */
  maxDelayMs: number;
}

export interface SignInThrottleState {
  failedCount: number;
  /** No attempt is evaluated before this time; null when there is no delay. */
  notBefore: Date | null;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/** The wait after `failedCount` failures in a row. */
export function throttleDelayMs(failedCount: number, policy: SignInThrottlePolicy): number {
  if (failedCount < policy.freeFailures) return 0;
  // Capping the exponent keeps 2 ** n finite however long an attack runs.
  const exponent = Math.min(failedCount - policy.freeFailures, 40);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/** Whether an attempt arriving at `now` must be turned away unevaluated. */
export const isThrottled = (state: SignInThrottleState, now: Date): boolean =>
  state.notBefore !== null && state.notBefore > now;

/** The state once an attempt is claimed: it counts as a failure until it succeeds. */
export function claimAttempt(state: SignInThrottleState, now: Date, policy: SignInThrottlePolicy): SignInThrottleState {
  const failedCount = state.failedCount + 1;
  const delay = throttleDelayMs(failedCount, policy);
  return { failedCount, notBefore: delay > 0 ? new Date(now.getTime() + delay) : null };
}

/** A device stops being trusted after this many failures in a row through it. */
export const TRUSTED_DEVICE_MAX_FAILURES = 5;
