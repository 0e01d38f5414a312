import type { Redis } from 'ioredis';

/**
 * A token bucket in Redis, so every API instance shares it: `burst` calls at once, `refillPerMinute`
 * regained a minute. The clock is Redis's own (TIME), so instances with skewed clocks agree.
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

export interface TokenBucketLimit {
  burst: number;
  refillPerMinute: number;
}

/** Takes one token from the bucket at `key`: 0 when taken, else the milliseconds until one is back. */
export async function takeToken(redis: Redis, key: string, limit: TokenBucketLimit): Promise<number> {
  return Number(await redis.eval(TOKEN_BUCKET, 1, key, limit.burst, limit.refillPerMinute / 60_000));
}
