/**
 * How the test harness hands services to tests: jest's global setup writes one variable
 * per service (its address, or why it is unavailable); test files read them back.
 */
export const TEST_SERVICES = {
  temporal: {
    label: 'Temporal',
    addressVar: 'CADENZA_TEST_TEMPORAL_ADDRESS',
    errorVar: 'CADENZA_TEST_TEMPORAL_ERROR',
  },
  postgres: {
    label: 'PostgreSQL',
    addressVar: 'CADENZA_TEST_DATABASE_URL',
    errorVar: 'CADENZA_TEST_POSTGRES_ERROR',
  },
  redis: {
    label: 'Redis',
    addressVar: 'CADENZA_TEST_REDIS_URL',
    errorVar: 'CADENZA_TEST_REDIS_ERROR',
  },
  imap: {
    label: 'IMAP (Dovecot)',
    addressVar: 'CADENZA_TEST_IMAP_URL',
    errorVar: 'CADENZA_TEST_IMAP_ERROR',
  },
} as const;

export type TestServiceName = keyof typeof TEST_SERVICES;

/**
 * The address of a service for this test run. Throws at once, naming the service and
 * the reason, when the harness could not provide it, so affected tests fail fast.
 */
export function requireService(name: TestServiceName, env: NodeJS.ProcessEnv = process.env): string {
  const { label, addressVar, errorVar } = TEST_SERVICES[name];
  const address = env[addressVar];
  if (address) return address;
  throw new Error(`${label} is unavailable for this test run: ${env[errorVar] ?? 'the test harness did not start it'}`);
}
