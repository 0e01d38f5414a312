import { Redis } from 'ioredis';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import { waitUntil } from '../../../scripts/services/wait-until';
import { createTenant, type DataSource } from '..';
import type { DomainEvent } from '@cadenza/core';
import { appendDomainEvents } from './domain-events';
import { eventChannel } from './event-channel';
import { EventPublisher } from './event-publisher';
import { parseAppendNotice, startEventRelay, type EventRelay } from './event-relay';

describe('event relay', () => {
  let db: DataSource;
  let redis: Redis;
  let subscriber: Redis;
  const relays: EventRelay[] = [];

  beforeAll(async () => {
    db = await connectTestDb();
    redis = new Redis(requireService('redis'));
    subscriber = new Redis(requireService('redis'));
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.close()));
    redis.disconnect();
    subscriber.disconnect();
    await db.destroy();
  });

  it('parses append notices and rejects malformed ones', () => {
    expect(parseAppendNotice('t1:3:5')).toEqual({ tenantId: 't1', fromSeq: 3, toSeq: 5 });
    expect(parseAppendNotice('t1:5:3')).toBeNull();
    expect(parseAppendNotice('t1:x:3')).toBeNull();
  });

  it('publishes what any writer commits, once, and nothing that rolls back', async () => {
    const start = () =>
      startEventRelay({ databaseUrl: requireService('postgres'), db, publisher: new EventPublisher(redis) });
    relays.push(start(), start());
    await waitUntil('one relay active', async () => relays.some((relay) => relay.active));
    expect(relays.filter((relay) => relay.active)).toHaveLength(1);

    const tenant = await createTenant(db, 'relay');
    const received: DomainEvent[] = [];
    await subscriber.subscribe(eventChannel(tenant.id));
    subscriber.on('message', (_channel, message) => received.push(...(JSON.parse(message) as DomainEvent[])));

    await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [
        { type: 'contact.created', subject: 'contact', subjectId: 'a' },
        { type: 'contact.updated', subject: 'contact', subjectId: 'a' },
      ]),
    );
    await expect(
      db.transaction(async (m) => {
        await appendDomainEvents(m, tenant.id, [{ type: 'contact.deleted', subject: 'contact', subjectId: 'a' }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.transaction((m) =>
      appendDomainEvents(m, tenant.id, [{ type: 'deal.stage_changed', subject: 'deal', subjectId: 'd' }]),
    );

    await waitUntil('events published', async () => received.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a second relay would publish again by now
    expect(received.map((event) => [event.seq, event.type])).toEqual([
      [1, 'contact.created'],
      [2, 'contact.updated'],
      [3, 'deal.stage_changed'],
    ]);
  });
});
