import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireService } from '../../../scripts/test-harness/service-env';
import { takeSendSlot } from './send-throttle';

/** The per-mailbox hourly cap, against the real Redis every worker shares. */
describe('takeSendSlot', () => {
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(requireService('redis'));
    clients.push(client);
    return client;
  };
  afterAll(() => clients.forEach((client) => client.disconnect()));

  it('grants the cap within one hour, then answers how long to wait for the next hour', async () => {
    const redis = connect();
    const mailbox = randomUUID();
    const now = Date.UTC(2026, 0, 1, 10, 59, 30);
    for (let i = 0; i < 3; i += 1) expect(await takeSendSlot(redis, mailbox, 3, now)).toEqual({ ok: true });
    // 30 s to the hour, plus the second of slack that keeps a retry from landing in the full hour.
    expect(await takeSendSlot(redis, mailbox, 3, now)).toEqual({ ok: false, retryInMs: 31_000 });
    expect(await takeSendSlot(redis, mailbox, 3, now + 31_000)).toEqual({ ok: true });
    // Another mailbox has its own cap.
    expect(await takeSendSlot(redis, randomUUID(), 3, now)).toEqual({ ok: true });
  });

  it('never grants more than the cap to two senders racing on separate connections', async () => {
    const [a, b] = [connect(), connect()];
    const mailbox = randomUUID();
    const cap = 7;
    const race = (redis: Redis) => Promise.all(Array.from({ length: 20 }, () => takeSendSlot(redis, mailbox, cap)));
    const results = (await Promise.all([race(a), race(b)])).flat();
    expect(results.filter((slot) => slot.ok)).toHaveLength(cap);
    expect(results.filter((slot) => !slot.ok)).toHaveLength(40 - cap);
    // Refusals do not eat into the count: once the hour rolls over, the next hour has the full cap.
    const hour = Math.floor(Date.now() / 3_600_000);
    expect(await a.get(`cadenza:send-slots:${mailbox}:${hour}`)).toBe(String(cap));
  });
});
