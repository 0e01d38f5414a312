import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SendLimits } from '@cadenza/core';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Takes one send slot of a mailbox, atomically across every worker (one script, so two
 * workers can never both take the last slot). Two budgets, both checked before either is
 * charged: a counter per UTC day (a hash holding the day and its count, so the key is
 * fixed and declared) and a sliding 60-second window (a sorted set of send times), which
 * keeps "10 a minute" true for any 60 seconds, not just per clock minute. The clock is
 * Redis's own unless the caller passes one (tests), so workers with skewed clocks agree.
 * A refusal charges nothing and answers how long until a slot frees up.
 */
const TAKE_SLOT = `
local daily = tonumber(ARGV[1])
local perMinute = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local day = math.floor(now / ${DAY_MS})
local used = 0
if tonumber(redis.call('HGET', KEYS[1], 'day')) == day then
  used = tonumber(redis.call('HGET', KEYS[1], 'count')) or 0
end
if used >= daily then return {0, (day + 1) * ${DAY_MS} - now, 'daily'} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ${MINUTE_MS})
local inWindow = redis.call('ZCARD', KEYS[2])
if inWindow >= perMinute then
  -- The window has room again once enough of its oldest sends age out of it.
  local leaving = redis.call('ZRANGE', KEYS[2], inWindow - perMinute, inWindow - perMinute, 'WITHSCORES')
  return {0, tonumber(leaving[2]) + ${MINUTE_MS} - now, 'minute'}
end
redis.call('HSET', KEYS[1], 'day', day, 'count', used + 1, 'last', now)
redis.call('PEXPIRE', KEYS[1], ${2 * DAY_MS})
redis.call('ZADD', KEYS[2], now, ARGV[4])
redis.call('PEXPIRE', KEYS[2], ${2 * MINUTE_MS})
return {1, 0, 'ok'}`;

export type SlotAnswer = { ok: true } | { ok: false; retryInMs: number; limit: 'daily' | 'minute' };

/** The Redis keys of a mailbox's budgets; the hash tag keeps both on one cluster slot. */
export const sendSlotKeys = (mailboxKey: string) => [
  `cadenza:send-day:{${mailboxKey}}`,
  `cadenza:send-minute:{${mailboxKey}}`,
];

export async function takeSendSlot(
  redis: Redis,
  mailboxKey: string,
  limits: SendLimits,
  now?: number,
): Promise<SlotAnswer> {
  const [ok, retryInMs, limit] = (await redis.eval(
    TAKE_SLOT,
    2,
    ...sendSlotKeys(mailboxKey),
    String(limits.daily),
    String(limits.perMinute),
    now === undefined ? '' : String(now),
    randomUUID(),
  )) as [number, number, string];
  if (ok === 1) return { ok: true };
  return { ok: false, retryInMs: Math.max(1, Number(retryInMs)), limit: limit === 'daily' ? 'daily' : 'minute' };
}

/** Reads a mailbox's use of its budgets without charging anything (a rotation pool picks by it). */
const READ_USAGE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local day = math.floor(now / ${DAY_MS})
local used = 0
if tonumber(redis.call('HGET', KEYS[1], 'day')) == day then
  used = tonumber(redis.call('HGET', KEYS[1], 'count')) or 0
end
local inWindow = redis.call('ZCOUNT', KEYS[2], now - ${MINUTE_MS}, '+inf')
local last = tonumber(redis.call('HGET', KEYS[1], 'last')) or -1
return {used, inWindow, last}`;

export interface SlotUsage {
  usedToday: number;
  inLastMinute: number;
  /** When the mailbox last took a slot (ms since the epoch, Redis's clock); null when not in the last two days. */
  lastSentAt: number | null;
}

export async function sendSlotUsage(redis: Redis, mailboxKey: string): Promise<SlotUsage> {
  const [used, inWindow, last] = (await redis.eval(READ_USAGE, 2, ...sendSlotKeys(mailboxKey))) as [
    number,
    number,
    number,
  ];
  return { usedToday: Number(used), inLastMinute: Number(inWindow), lastSentAt: last >= 0 ? Number(last) : null };
}

/**
 * A send that found its mailbox's budget spent. Thrown inside the send's transaction so the
 * message row and the side-effect claim roll back; the flow activity turns it into a
 * "throttled until" answer and the run waits durably for that moment, then tries again.
 */
export class SendThrottled extends Error {
  constructor(
    readonly until: Date,
    mailboxKey: string,
    limit: 'daily' | 'minute' | 'unavailable',
    limits: SendLimits,
  ) {
    super(
      limit === 'daily'
        ? `mailbox ${mailboxKey} reached its daily limit of ${limits.daily}; the send waits until ${until.toISOString()}`
        : limit === 'minute'
          ? `mailbox ${mailboxKey} reached its rate of ${limits.perMinute} a minute; the send waits until ${until.toISOString()}`
          : `the send throttle (Redis) cannot be reached, so mailbox ${mailboxKey}'s count is unknown; the send waits until ${until.toISOString()}`,
    );
    this.name = 'SendThrottled';
  }
}

/** How long a send waits when Redis cannot say whether its mailbox has a free slot. */
export const THROTTLE_UNAVAILABLE_WAIT_MS = 15_000;

/**
 * True when taking a slot failed because Redis cannot be reached (connection refused or
 * closed, retries exhausted), not because Redis answered with an error (a bug to surface).
 */
export const isThrottleUnavailable = (error: unknown) => error instanceof Error && error.name !== 'ReplyError';

/**
 * Spreads the runs that wait for the same freed slot over a second, so they do not all
 * come back in the same instant (only the first of them would get the slot anyway).
 */
export const retryAfter = (retryInMs: number, random = Math.random) => retryInMs + Math.floor(random() * 1000);
