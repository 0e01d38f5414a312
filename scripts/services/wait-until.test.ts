import { waitUntil } from './wait-until';

describe('waitUntil', () => {
  it('returns the first truthy result', async () => {
    let calls = 0;
    await expect(waitUntil('counter', async () => (++calls >= 3 ? calls : undefined), { intervalMs: 1 })).resolves.toBe(
      3,
    );
  });

  it('gives up at the deadline naming what it awaited and the last error', async () => {
    await expect(
      waitUntil('the thing', () => Promise.reject(new Error('connection refused')), { timeoutMs: 30, intervalMs: 5 }),
    ).rejects.toThrow('the thing was not ready after 30 ms: connection refused');
  });
});
