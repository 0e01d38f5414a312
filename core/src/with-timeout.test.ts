import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes a prompt result through', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'fast thing')).resolves.toBe(7);
  });

  it('rejects naming what did not answer', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'Redis')).rejects.toThrow(
      'Redis did not answer within 20 ms',
    );
  });
});
