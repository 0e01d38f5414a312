import { freePort } from '../services/ports';
import { provisionImap, provisionPostgres, provisionRedis, provisionTemporal } from './provision';

/** An address where nothing listens: the port was free a moment ago. */
const deadPort = () => freePort();

describe('provisioning an unreachable service fails fast and names it', () => {
  const fast = async (provision: Promise<unknown>) => {
    const started = Date.now();
    const error = await provision.then(
      () => undefined,
      (e: Error) => e,
    );
    return { error, ms: Date.now() - started };
  };

  it('PostgreSQL', async () => {
    const { error, ms } = await fast(
      provisionPostgres({ TEST_DATABASE_URL: `postgres://u:p@127.0.0.1:${await deadPort()}/x` }),
    );
    expect(error?.message).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+: .*\(TEST_DATABASE_URL\)$/);
    expect(ms).toBeLessThan(15_000);
  });

  it('Redis', async () => {
    const { error, ms } = await fast(provisionRedis({ TEST_REDIS_URL: `redis://127.0.0.1:${await deadPort()}` }));
    expect(error?.message).toMatch(/^Redis at 127\.0\.0\.1:\d+: .*\(TEST_REDIS_URL\)$/);
    expect(ms).toBeLessThan(15_000);
  });

  it('Temporal', async () => {
    const { error, ms } = await fast(provisionTemporal({ TEST_TEMPORAL_ADDRESS: `127.0.0.1:${await deadPort()}` }));
    expect(error?.message).toMatch(/^Temporal at 127\.0\.0\.1:\d+ \(TEST_TEMPORAL_ADDRESS\)/);
    expect(ms).toBeLessThan(15_000);
  });

  it('IMAP', async () => {
    const { error, ms } = await fast(provisionImap({ TEST_IMAP_URL: `imap://127.0.0.1:${await deadPort()}` }));
    expect(error?.message).toMatch(/^IMAP on port \d+: .*\(TEST_IMAP_URL\)$/);
    expect(ms).toBeLessThan(15_000);
  });

  it('IMAP when Dovecot is not installed', async () => {
    const { error } = await fast(provisionImap({ DOVECOT_BIN: '/nonexistent/dovecot' }));
    expect(error?.message).toMatch(
      /^dovecot is not installed \(\/nonexistent\/dovecot\): run `node scripts\/setup.mjs`/,
    );
  });
});
