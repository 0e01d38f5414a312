import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireService } from '@cadenza/test-harness/service-env';
import { isThrottleUnavailable, retryAfter, sendSlotKeys, takeSendSlot } from './send-throttle';

/** The per-mailbox daily cap and per-minute rate, against the real Redis every worker shares. */
describe('takeSendSlot', () => {
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(requireService('redis'));
    clients.push(client);
    return client;
  };
  afterAll(() => clients.forEach((client) => client.disconnect()));

  const noon = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('grants the per-minute rate, then answers when the oldest send leaves the 60-second window', async () => {
    const redis = connect();
    const mailbox = randomUUID();
    const limits = { daily: 1000, perMinute: 3 };
    expect(await takeSendSlot(redis, mailbox, limits, noon)).toEqual({ ok: true });
    expect(await takeSendSlot(redis, mailbox, limits, noon + 10_000)).toEqual({ ok: true });
    expect(await takeSendSlot(redis, mailbox, limits, noon + 20_000)).toEqual({ ok: true });
    // The window is sliding: a new clock minute does not reset it, the first send ageing out does.
    expect(await takeSendSlot(redis, mailbox, limits, noon + 30_000)).toEqual({
      ok: false,
      retryInMs: 30_000,
      limit: 'minute',
    });
    expect(await takeSendSlot(redis, mailbox, limits, noon + 59_999)).toMatchObject({ ok: false, retryInMs: 1 });
    expect(await takeSendSlot(redis, mailbox, limits, noon + 60_001)).toEqual({ ok: true });
    // Another mailbox has budgets of its own.
    expect(await takeSendSlot(redis, randomUUID(), limits, noon + 30_000)).toEqual({ ok: true });
  });

  it('grants the daily cap, then answers how long until the next UTC day', async () => {
    const redis = connect();
    const mailbox = randomUUID();
    const limits = { daily: 2, perMinute: 10 };
    const late = Date.UTC(2026, 0, 1, 23, 59, 0);
    expect(await takeSendSlot(redis, mailbox, limits, late - 3_600_000)).toEqual({ ok: true });
    expect(await takeSendSlot(redis, mailbox, limits, late)).toEqual({ ok: true });
    expect(await takeSendSlot(redis, mailbox, limits, late + 1000)).toEqual({
      ok: false,
      retryInMs: 59_000,
      limit: 'daily',
    });
    expect(await takeSendSlot(redis, mailbox, limits, late + 60_000)).toEqual({ ok: true });
  });

  it('charges nothing for a refusal, so a full minute does not eat into the day', async () => {
    const redis = connect();
    const mailbox = randomUUID();
    const limits = { daily: 5, perMinute: 1 };
    expect(await takeSendSlot(redis, mailbox, limits, noon)).toEqual({ ok: true });
    for (let i = 1; i <= 10; i += 1) {
      expect(await takeSendSlot(redis, mailbox, limits, noon + i)).toMatchObject({ ok: false, limit: 'minute' });
    }
    const [dayKey] = sendSlotKeys(mailbox);
    expect(await redis.hget(dayKey!, 'count')).toBe('1');
  });

  it('a lowered rate holds at once: the window must drain below the new rate', async () => {
    const redis = connect();
    const mailbox = randomUUID();
    for (let i = 0; i < 5; i += 1) await takeSendSlot(redis, mailbox, { daily: 100, perMinute: 5 }, noon + i * 1000);
    // Rate now 2: room for one more means at most one left in the window, so four of the five
    // must age out first; the fourth was sent at noon + 3 s.
    expect(await takeSendSlot(redis, mailbox, { daily: 100, perMinute: 2 }, noon + 10_000)).toEqual({
      ok: false,
      retryInMs: 53_000,
      limit: 'minute',
    });
  });

  it('never grants more than the caps to senders racing on separate connections, on Redis time', async () => {
    const racers = [connect(), connect(), connect()];
    const minuteMailbox = randomUUID();
    const dayMailbox = randomUUID();
    const race = (mailbox: string, limits: { daily: number; perMinute: number }) =>
      Promise.all(
        racers.map((redis) => Promise.all(Array.from({ length: 20 }, () => takeSendSlot(redis, mailbox, limits)))),
      ).then((answers) => answers.flat());
    const [byMinute, byDay] = await Promise.all([
      race(minuteMailbox, { daily: 1000, perMinute: 7 }),
      race(dayMailbox, { daily: 4, perMinute: 1000 }),
    ]);
    expect(byMinute.filter((slot) => slot.ok)).toHaveLength(7);
    expect(byMinute.filter((slot) => !slot.ok && slot.limit === 'minute')).toHaveLength(53);
    expect(byDay.filter((slot) => slot.ok)).toHaveLength(4);
    expect(byDay.filter((slot) => !slot.ok && slot.limit === 'daily')).toHaveLength(56);
    const [, minuteKey] = sendSlotKeys(minuteMailbox);
    expect(await racers[0]!.zcard(minuteKey!)).toBe(7);
  });

  it('spreads waiters over a second after the slot frees', () => {
    expect(retryAfter(5000, () => 0)).toBe(5000);
    expect(retryAfter(5000, () => 0.999)).toBe(5999);
  });

  it('tells an unreachable Redis (the send waits) from an error Redis answers (a bug, surfaced)', async () => {
    const closed = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
    closed.on('error', () => undefined);
    const unreachable = await takeSendSlot(closed, randomUUID(), { daily: 1, perMinute: 1 }).catch((e: unknown) => e);
    closed.disconnect();
    expect(isThrottleUnavailable(unreachable)).toBe(true);

    const answered = await connect()
      .eval('return redis.call("NO_SUCH_COMMAND")', 0)
      .catch((e: unknown) => e);
    expect(isThrottleUnavailable(answered)).toBe(false);
  });
});
