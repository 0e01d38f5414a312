import { connectTestDb, createTenantWithKey } from '@cadenza/test-harness/integration';
import { startLocalRedis } from '../../../scripts/services/local-redis';
import { freePort } from '../../../scripts/services/ports';
import type { ManagedProcess } from '../../../scripts/services/managed-process';
import type { DataSource } from '@cadenza/data';
import {
  connectTestClient,
  range,
  seqs,
  startTestGateway,
  testPublisher,
  writeEvents,
  type TestGateway,
} from './live-test-support.test-support';

describe('live updates across a Redis outage', () => {
  let db: DataSource;
  let redis: { url: string; process: ManagedProcess } | undefined;
  let port: number;
  let gateways: TestGateway[] = [];

  beforeAll(async () => {
    db = await connectTestDb();
    port = await freePort();
    redis = await startLocalRedis({ port, log: () => undefined });
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await redis?.process.stop(2000);
    await db?.destroy();
  });

  it('loses nothing when Redis is killed mid-stream and restarted', async () => {
    const url = redis?.url ?? '';
    const { tenantId, apiKey } = await createTenantWithKey(db, 'live redis outage');
    // A long periodic resync, so what recovers the stream is the reconnect and the gap check.
    gateways = await Promise.all([
      startTestGateway({ db, redisUrl: url, config: { LIVE_RESYNC_INTERVAL_MS: 600_000 } }),
      startTestGateway({ db, redisUrl: url, config: { LIVE_RESYNC_INTERVAL_MS: 600_000 } }),
    ]);
    const writer = testPublisher(url);
    const clients = await Promise.all(
      gateways.map((gateway) => connectTestClient(gateway.url, { token: apiKey, rooms: [`tenant:${tenantId}`] })),
    );
    await Promise.all(clients.map((c) => c.waitForReady()));

    // One writer commits steadily while Redis is stopped under it and started again.
    let written = 0;
    const writing = (async () => {
      while (written < 300) {
        await writeEvents(db, writer.publisher, tenantId, 1);
        written += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const untilWritten = async (count: number) => {
      while (written < count) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await untilWritten(80);
    await redis?.process.stop(2000);
    await untilWritten(180);
    redis = await startLocalRedis({ port, log: () => undefined });
    await writing;
    // Commits made while Redis was down are in the log but were never published.
    expect(writer.failures.length).toBeGreaterThan(0);
    for (const c of clients) {
      // On a timeout, compare anyway: the diff shows which seqs went missing.
      await c.waitForEvents(300, 20_000).catch(() => undefined);
      expect(seqs(c.events)).toEqual(range(1, 300));
    }
    // Nothing arrives twice afterwards either.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const c of clients) expect(c.events).toHaveLength(300);
    for (const c of clients) c.socket.disconnect();
    writer.redis.disconnect();
  });

  it('catches a client up on reconnect of Redis alone, with no later event to reveal the gap', async () => {
    const url = redis?.url ?? '';
    const { tenantId, apiKey } = await createTenantWithKey(db, 'live redis quiet outage');
    const writer = testPublisher(url);
    const [gateway] = gateways;
    if (!gateway) throw new Error('no gateway');
    const c = await connectTestClient(gateway.url, { token: apiKey, rooms: [`tenant:${tenantId}`] });
    await c.waitForReady();
    await redis?.process.stop(2000);
    await writeEvents(db, writer.publisher, tenantId, 20);
    redis = await startLocalRedis({ port, log: () => undefined });
    expect(seqs(await c.waitForEvents(20, 30_000))).toEqual(range(1, 20));
    c.socket.disconnect();
    writer.redis.disconnect();
  });
});
