import { io as connect } from 'socket.io-client';
import { connectTestDb, createTenantWithKey } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import type { DataSource } from '@cadenza/data';
import {
  connectTestClient,
  range,
  seqs,
  startTestGateway,
  testPublisher,
  writeEvents,
  type TestClient,
  type TestGateway,
} from './live-test-support.test-support';

const APP_ORIGIN = 'https://app.cadenza.test';

describe('live gateway (two API instances on one Redis)', () => {
  let db: DataSource;
  let redisUrl: string;
  let one: TestGateway;
  let two: TestGateway;
  let writer: ReturnType<typeof testPublisher>;
  const clients: TestClient[] = [];
  const client = async (url: string, auth: Record<string, unknown>) => {
    const c = await connectTestClient(url, auth);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    redisUrl = requireService('redis');
    db = await connectTestDb();
    one = await startTestGateway({ db, redisUrl, allowedOrigins: new Set([APP_ORIGIN]) });
    two = await startTestGateway({ db, redisUrl, allowedOrigins: new Set([APP_ORIGIN]) });
    writer = testPublisher(redisUrl);
  });
  afterAll(async () => {
    for (const c of clients) c.socket.disconnect();
    await one?.close();
    await two?.close();
    writer?.redis.disconnect();
    await db?.destroy();
  });

  it('refuses a handshake without valid credentials', async () => {
    for (const auth of [{}, { token: 'cdz_not-a-key' }, { token: 42 }]) {
      const socket = connect(one.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
      const error = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
        socket.once('connect_error', resolve);
        socket.once('connect', () => reject(new Error(`connected with ${JSON.stringify(auth)}`)));
      });
      socket.disconnect();
      expect(error.data?.code).toMatch(/unauthorized|validation_failed/);
    }
  });

  it("refuses a browser page of another origin, even with valid credentials; the app's own origin connects", async () => {
    const { apiKey } = await createTenantWithKey(db, 'Origin tenant');
    for (const origin of ['https://evil.example', 'http://app.cadenza.test', 'null']) {
      const refused = await connectTestClient(one.url, { token: apiKey }, { origin }).then(
        (c) => {
          c.socket.disconnect();
          return null;
        },
        (error: Error & { data?: { code?: string; message?: string } }) => error,
      );
      expect(refused?.data).toMatchObject({ code: 'forbidden', message: expect.stringContaining('APP_ORIGINS') });
    }
    // Scripts send no Origin: their credentials decide, as before.
    const script = await client(one.url, { token: apiKey });
    expect(script.socket.connected).toBe(true);
    const page = await connectTestClient(two.url, { token: apiKey }, { origin: APP_ORIGIN });
    clients.push(page);
    expect(page.socket.connected).toBe(true);
  });

  it('delivers to clients connected to either instance, in order, and shares rooms across instances', async () => {
    const { tenantId, apiKey } = await createTenantWithKey(db, 'live two instances');
    const onOne = await client(one.url, { token: apiKey, rooms: [`tenant:${tenantId}`] });
    const onTwo = await client(two.url, { token: apiKey });
    expect(await onTwo.request('subscribe', { room: `tenant:${tenantId}` })).toEqual({
      ok: true,
      room: `tenant:${tenantId}`,
    });
    await Promise.all([onOne.waitForReady(), onTwo.waitForReady()]);

    await writeEvents(db, writer.publisher, tenantId, 30, { perTransaction: 3 });
    expect(seqs(await onOne.waitForEvents(30))).toEqual(range(1, 30));
    expect(seqs(await onTwo.waitForEvents(30))).toEqual(range(1, 30));
    expect(onOne.events[0]).toMatchObject({ tenantId, type: 'contact.updated', subject: 'contact', subjectId: 'c1' });

    // The Redis adapter: each instance sees the other's sockets in the shared room.
    const sockets = await one.gateway.io.in(`t:${tenantId}`).fetchSockets();
    expect(sockets).toHaveLength(2);
  });

  it('never gives a client another tenant’s events, whatever room names it asks for', async () => {
    const a = await createTenantWithKey(db, 'live tenant A');
    const b = await createTenantWithKey(db, 'live tenant B');
    const spy = await client(two.url, { token: b.apiKey });
    const forged = [
      [`tenant:${a.tenantId}`, 'forbidden'],
      [`t:${a.tenantId}`, 'invalid_room'],
      [`t:${a.tenantId}:contact:shared`, 'invalid_room'],
      [`contact:shared:${a.tenantId}`, 'invalid_room'],
      ['deal:1', 'invalid_room'],
    ] as const;
    for (const [room, code] of forged) {
      expect(await spy.request('subscribe', { room })).toMatchObject({ ok: false, error: { code } });
    }
    expect(await spy.request('subscribe', {})).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    // A record id that exists in tenant A too: B's room for it is B's alone.
    expect(await spy.request('subscribe', { room: 'contact:shared' })).toMatchObject({ ok: true });
    expect(await spy.request('subscribe', { room: `tenant:${b.tenantId}` })).toMatchObject({ ok: true });
    const victim = await client(one.url, { token: a.apiKey, rooms: [`tenant:${a.tenantId}`] });
    await Promise.all([spy.waitForReady(), victim.waitForReady()]);

    await writeEvents(db, writer.publisher, a.tenantId, 10, { subjectId: 'shared' });
    await writeEvents(db, writer.publisher, b.tenantId, 2, { subjectId: 'shared' });
    await victim.waitForEvents(10);
    await spy.waitForEvents(2);
    // Replaying from 0 reads B's log only.
    expect(await spy.request('resume', { lastSeq: 0 })).toMatchObject({ ok: true, seq: 2 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(spy.events.every((event) => event.tenantId === b.tenantId)).toBe(true);
    expect(seqs(spy.events)).toEqual([1, 2, 1, 2]);
    expect(victim.events.every((event) => event.tenantId === a.tenantId)).toBe(true);
  });

  it('sends a contact room only that contact’s events', async () => {
    const { tenantId, apiKey } = await createTenantWithKey(db, 'live contact room');
    const watcher = await client(one.url, { token: apiKey, rooms: ['contact:c2'] });
    await watcher.waitForReady();
    await writeEvents(db, writer.publisher, tenantId, 3, { subjectId: 'c1' });
    await writeEvents(db, writer.publisher, tenantId, 2, { subjectId: 'c2' });
    expect(seqs(await watcher.waitForEvents(2))).toEqual([4, 5]);
  });

  it('replays exactly the 500 events missed while away, in order, then goes live', async () => {
    const { tenantId, apiKey } = await createTenantWithKey(db, 'live reconnect');
    const room = `tenant:${tenantId}`;
    const first = await client(one.url, { token: apiKey, rooms: [room] });
    await first.waitForReady();
    await writeEvents(db, writer.publisher, tenantId, 5);
    const seen = await first.waitForEvents(5);
    const lastSeq = seen[seen.length - 1]?.seq ?? 0;
    first.socket.disconnect();

    await writeEvents(db, writer.publisher, tenantId, 500, { perTransaction: 50 });
    const back = await client(two.url, { token: apiKey, rooms: [room], lastSeq });
    // Events committed while the replay runs arrive through the live path: buffered, then de-duplicated.
    const duringReplay = writeEvents(db, writer.publisher, tenantId, 40, { perTransaction: 4 });
    await duringReplay;
    const received = await back.waitForEvents(540, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seqs(received)).toEqual(range(6, 545));
    expect(back.ready).toHaveLength(1);
  });

  it('resumes from a seq sent in a resume message', async () => {
    const { tenantId, apiKey } = await createTenantWithKey(db, 'live resume message');
    await writeEvents(db, writer.publisher, tenantId, 12, { perTransaction: 12 });
    const c = await client(one.url, { token: apiKey });
    await c.request('subscribe', { room: `tenant:${tenantId}` });
    expect(await c.request('resume', { lastSeq: 7 })).toEqual({ ok: true, seq: 12 });
    expect(seqs(await c.waitForEvents(5))).toEqual(range(8, 12));
    expect(await c.request('resume', { lastSeq: -1 })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
  });

  it('rate-limits client messages per socket', async () => {
    const { tenantId, apiKey } = await createTenantWithKey(db, 'live rate limit');
    const limited = await startTestGateway({
      db,
      redisUrl,
      config: { LIVE_MESSAGE_BURST: 5, LIVE_MESSAGES_PER_SECOND: 1 },
    });
    try {
      const c = await connectTestClient(limited.url, { token: apiKey });
      const acks = await Promise.all(range(1, 12).map(() => c.request('subscribe', { room: `tenant:${tenantId}` })));
      c.socket.disconnect();
      expect(acks.filter((ack) => ack.ok)).toHaveLength(5);
      expect(acks.filter((ack) => !ack.ok && ack.error.code === 'too_many_requests')).toHaveLength(7);
      // Another socket has a budget of its own.
      const other = await connectTestClient(limited.url, { token: apiKey });
      expect(await other.request('subscribe', { room: `tenant:${tenantId}` })).toMatchObject({ ok: true });
      other.socket.disconnect();
    } finally {
      await limited.close();
    }
  });
});
