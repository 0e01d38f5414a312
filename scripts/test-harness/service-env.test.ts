import { requireService } from './service-env';

describe('requireService', () => {
  it('returns the address the harness provisioned', () => {
    expect(requireService('redis', { CADENZA_TEST_REDIS_URL: 'redis://127.0.0.1:1234' })).toBe(
      'redis://127.0.0.1:1234',
    );
  });

  it('fails naming the service and the reason', () => {
    expect(() => requireService('postgres', { CADENZA_TEST_POSTGRES_ERROR: 'connection refused' })).toThrow(
      'PostgreSQL is unavailable for this test run: connection refused',
    );
  });
});
