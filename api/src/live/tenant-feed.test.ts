import type { DomainEvent } from '@cadenza/core';
import { TenantFeed } from './tenant-feed';

const event = (seq: number): DomainEvent => ({
  tenantId: 't',
  seq,
  type: 'contact.updated',
  subject: 'contact',
  subjectId: 'c',
  payload: {},
  actor: { kind: 'system', id: null },
  occurredAt: new Date(0).toISOString(),
});

function feedOver(log: DomainEvent[], start = 0) {
  const emitted: number[] = [];
  const errors: unknown[] = [];
  let failNext = false;
  const feed = new TenantFeed({
    start: async () => start,
    load: async (after, limit) => {
      if (failNext) {
        failNext = false;
        throw new Error('db down');
      }
      return log.filter((e) => e.seq > after).slice(0, limit);
    },
    emit: (e) => emitted.push(e.seq),
    onError: (error) => errors.push(error),
    pageSize: 2,
  });
  return { feed, emitted, errors, failOnce: () => (failNext = true) };
}

describe('TenantFeed', () => {
  it('emits in order, drops duplicates, and fills a gap from the log', async () => {
    const log = [1, 2, 3, 4, 5, 6].map(event);
    const { feed, emitted } = feedOver(log, 1);
    await feed.push([event(2)]);
    await feed.push([event(2)]);
    await feed.push([event(6)]); // 3, 4, 5 were lost on the way
    await feed.push([event(4)]); // a late publisher
    expect(emitted).toEqual([2, 3, 4, 5, 6]);
  });

  it('sorts a batch and starts after the head it was given', async () => {
    const { feed, emitted } = feedOver([1, 2, 3, 4].map(event), 2);
    await feed.push([event(4), event(3), event(2)]);
    expect(emitted).toEqual([3, 4]);
  });

  it('catches up with everything the log holds past its position', async () => {
    const { feed, emitted } = feedOver([1, 2, 3, 4, 5].map(event), 0);
    await feed.catchUp();
    expect(emitted).toEqual([1, 2, 3, 4, 5]);
    expect(feed.position).toBe(5);
  });

  it('reports a failed fill and recovers on the next push', async () => {
    const log = [1, 2, 3].map(event);
    const { feed, emitted, errors, failOnce } = feedOver(log, 0);
    failOnce();
    await feed.push([event(3)]);
    expect(emitted).toEqual([]);
    expect(errors).toHaveLength(1);
    log.push(event(4));
    await feed.push([event(4)]);
    expect(emitted).toEqual([1, 2, 3, 4]);
  });
});
