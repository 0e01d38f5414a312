import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '@cadenza/core';

/**
 * Fixed-window limit on sign-in attempts per client IP and email, in Redis so every API
 * instance shares it. It slows guessing from one place; the per-user lockout in PostgreSQL
 * is the backstop when Redis is down (then attempts are let through and a warning logged).
 */
export class LoginRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limit: { maxAttempts: number; windowSeconds: number },
  ) {}

  /** Hashed so keys stay short and no email sits in Redis in clear text. */
  private key(ip: string, email: string): string {
    return `cadenza:login-attempts:${createHash('sha256').update(`${ip}\n${email}`).digest('hex')}`;
  }

  /** Counts one attempt; throws 429 with the seconds left in the window once over the limit. */
  async consume(ip: string, email: string): Promise<void> {
    const key = this.key(ip, email);
    let count: number;
    let ttl: number;
    try {
      const results = await this.redis
        .multi()
        .set(key, 0, 'EX', this.limit.windowSeconds, 'NX')
        .incr(key)
        .ttl(key)
        .exec();
      count = Number(results?.[1]?.[1]);
      ttl = Number(results?.[2]?.[1]);
    } catch (error) {
      console.warn(`login rate limit skipped, Redis unavailable: ${(error as Error).message}`);
      return;
    }
    if (count > this.limit.maxAttempts) {
      throw new TooManyRequestsError(
        'too many sign-in attempts for this email from your address; wait before trying again',
        ttl > 0 ? ttl : this.limit.windowSeconds,
      );
    }
  }

  /** A successful sign-in forgives earlier typos. */
  async reset(ip: string, email: string): Promise<void> {
    await this.redis.del(this.key(ip, email)).catch(() => undefined);
  }
}
