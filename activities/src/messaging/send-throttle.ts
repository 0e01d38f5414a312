import type { Redis } from 'ioredis';

/**
 * Takes one send slot of a mailbox in the current clock hour, atomically across every
 * worker (one Redis counter per mailbox and hour). A full hour answers how long to wait.
 */
const TAKE_SLOT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], 7200) end
if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end
return 1`;

const HOUR_MS = 3_600_000;

export async function takeSendSlot(
  redis: Redis,
  mailboxKey: string,
  hourlyLimit: number,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; retryInMs: number }> {
  const hour = Math.floor(now / HOUR_MS);
  const taken = await redis.eval(TAKE_SLOT, 1, `cadenza:send-slots:${mailboxKey}:${hour}`, String(hourlyLimit));
  return Number(taken) === 1 ? { ok: true } : { ok: false, retryInMs: (hour + 1) * HOUR_MS - now + 1000 };
}

/**
 * A send that found its mailbox's hour full. Thrown inside the send's transaction so the
 * message row and the side-effect claim roll back; the flow activity turns it into a
 * "throttled until" answer and the run waits durably for that moment, then tries again.
 */
export class SendThrottled extends Error {
  constructor(
    readonly until: Date,
    mailboxKey: string,
    limit: number,
  ) {
    super(`mailbox ${mailboxKey} reached its hourly limit of ${limit}; the send waits until ${until.toISOString()}`);
    this.name = 'SendThrottled';
  }
}
