import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireService } from '@cadenza/test-harness/service-env';
import { takeToken } from './redis-token-bucket';

/** The shared token bucket on the test run's Redis: sign-in per address, reply triage per workspace. */
describe('takeToken', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(requireService('redis'), { maxRetriesPerRequest: 1 });
  });
  afterAll(() => redis.disconnect());

  it('gives the burst at once, then says how long until the next token; buckets are separate', async () => {
    const key = `test:bucket:${randomUUID()}`;
    // One token a minute: nothing comes back during the test.
    const limit = { burst: 2, refillPerMinute: 1 };
    expect(await takeToken(redis, key, limit)).toBe(0);
    expect(await takeToken(redis, key, limit)).toBe(0);
    const wait = await takeToken(redis, key, limit);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await takeToken(redis, `${key}:other`, limit)).toBe(0);
  });
});
