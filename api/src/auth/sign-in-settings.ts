import { z } from 'zod';
import { DEFAULT_SIGN_IN_THROTTLE, type SignInThrottlePolicy } from '@cadenza/core';
import { DEFAULT_PASSWORD_HASHING_LIMITS, type BoundedWorkQueueLimits } from '@cadenza/data';

/** How sign-in resists guessing and overload; see SECURITY.md (sign-in). */
export interface SignInSettings {
  /** Token bucket per client address, across all emails. */
  clientLimit: { burst: number; refillPerMinute: number };
  /** Progressive delay per account. */
  throttle: SignInThrottlePolicy;
  /** argon2 hashes at once, and how many more may wait before 503 try_again. */
  hashing: BoundedWorkQueueLimits;
}

export const SignInEnvSchema = z.object({
  LOGIN_RATE_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('sign-in attempts one client address may make at once, across all emails (token bucket size)'),
  LOGIN_RATE_PER_MINUTE: z.coerce
    .number()
    .positive()
    .default(20)
    .describe('sign-in attempts per minute one client address regains, across all emails'),
  LOGIN_FREE_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_SIGN_IN_THROTTLE.freeFailures)
    .describe('failed sign-ins in a row on an account before its progressive delay starts'),
  LOGIN_MAX_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(DEFAULT_SIGN_IN_THROTTLE.maxDelayMs / 1000)
    .describe('longest delay between evaluated sign-ins on an account from untrusted browsers, in seconds'),
  ARGON2_MAX_CONCURRENT: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(DEFAULT_PASSWORD_HASHING_LIMITS.maxConcurrent)
    .describe('password hashes (argon2id, 64 MiB each) computed at once by this process'),
  ARGON2_MAX_WAITING: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(DEFAULT_PASSWORD_HASHING_LIMITS.maxWaiting)
    .describe('password hashes that may wait for a slot; beyond this sign-in answers 503 try_again at once'),
});

export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = {
  clientLimit: { burst: 20, refillPerMinute: 20 },
  throttle: DEFAULT_SIGN_IN_THROTTLE,
  hashing: DEFAULT_PASSWORD_HASHING_LIMITS,
};

export type SignInEnv = z.infer<typeof SignInEnvSchema>;

/** The sign-in settings of the API's parsed config (SignInEnvSchema is part of ApiConfigSchema). */
export function signInSettingsFrom(parsed: SignInEnv): SignInSettings {
  return {
    clientLimit: { burst: parsed.LOGIN_RATE_BURST, refillPerMinute: parsed.LOGIN_RATE_PER_MINUTE },
    throttle: {
      ...DEFAULT_SIGN_IN_THROTTLE,
      freeFailures: parsed.LOGIN_FREE_FAILURES,
      maxDelayMs: parsed.LOGIN_MAX_DELAY_SECONDS * 1000,
    },
    hashing: { maxConcurrent: parsed.ARGON2_MAX_CONCURRENT, maxWaiting: parsed.ARGON2_MAX_WAITING },
  };
}
