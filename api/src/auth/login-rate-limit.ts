import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '@cadenza/core';
import { clientAddressKey } from './client-address-key';
import { takeToken } from '../http/redis-token-bucket';

/**
 * Token bucket per client address across all emails, in Redis so every API instance shares
 * it: one address may try `burst` sign-ins at once and regains `refillPerMinute` a minute.
 * Keyed by address only, so spraying many emails from one place is slowed as much as
 * guessing one; the address is the real client's only when `TRUST_PROXY` names the proxy,
 * and an IPv6 client counts by its /64 (clientAddressKey).
 */
export const clientBucketKey = (address: string): string => `cadenza:login-client:${clientAddressKey(address)}`;

export class LoginRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limit: { burst: number; refillPerMinute: number },
  ) {}

  /** Takes one token for this address; throws 429 with the seconds until the next one when empty. */
  async consume(address: string): Promise<void> {
    let waitMs: number;
    try {
      waitMs = await takeToken(this.redis, clientBucketKey(address), this.limit);
    } catch (error) {
      // The per-account delay (PostgreSQL) and the bounded argon2 queue still hold without Redis.
      console.warn(`sign-in rate limit skipped, Redis unavailable: ${(error as Error).message}`);
      return;
    }
    if (waitMs > 0) {
      throw new TooManyRequestsError(
        'too many sign-in attempts from your address; wait before trying again',
        Math.max(1, Math.ceil(waitMs / 1000)),
      );
    }
  }
}
