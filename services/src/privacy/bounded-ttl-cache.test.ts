import { BoundedTtlCache } from './bounded-ttl-cache';

describe('BoundedTtlCache', () => {
  it('drops the least recently used entry past its bound', () => {
    const cache = new BoundedTtlCache<number>(2, 60_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('forgets entries older than the age bound, however often they are read', () => {
    let now = 0;
    const cache = new BoundedTtlCache<string>(10, 1_000, () => now);
    cache.set('k', 'v');
    now = 500;
    cache.set('other', 'x');
    now = 999;
    expect(cache.get('k')).toBe('v');
    now = 1_000;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.get('other')).toBe('x');
  });
});
