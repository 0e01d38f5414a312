import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '@cadenza/core';
import { clientAddressKey } from './client-address-key';

/**
 * Token bucket per client address across all emails, in Redis so every API instance shares
 * it: one address may try `burst` sign-ins at once and regains `refillPerMinute` a minute.
 * Keyed by address only, so spraying many emails from one place is slowed as much as
 * guessing one; the address is the real client's only when `TRUST_PROXY` names the proxy,
 * and an IPv6 client counts by its /64 (clientAddressKey).
 * The clock is Redis's own (TIME), so instances with skewed clocks agree.
 */
const TOKEN_BUCKET = `
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local wait_ms = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait_ms = math.ceil((1 - tokens) / per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
return wait_ms
`;

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
      waitMs = Number(
        await this.redis.eval(
          TOKEN_BUCKET,
          1,
          clientBucketKey(address),
          this.limit.burst,
          this.limit.refillPerMinute / 60_000,
        ),
      );
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
