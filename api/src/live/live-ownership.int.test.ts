import { randomUUID } from 'node:crypto';
import type { Principal, Role } from '@cadenza/core';
import {
  commitAndPublish,
  createApiKey,
  createContact,
  createFlow,
  deleteContact,
  latestEventSeq,
  updateContact,
  type DataSource,
} from '@cadenza/data';
import { connectTestDb, createTenantWithKey } from '@cadenza/test-harness/integration';
import { ROLE_ORDER } from '../routes/crm/crm-route-table';
import { requireService } from '@cadenza/test-harness/service-env';
import {
  connectTestClient,
  startTestGateway,
  testPublisher,
  type TestClient,
  type TestGateway,
} from './live-test-support.test-support';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

const PRINCIPAL_HEADER = 'x-test-principal';
const asHeader = (principal: Principal) => ({
  [PRINCIPAL_HEADER]: Buffer.from(JSON.stringify(principal)).toString('base64url'),
});

/** What each role's socket gets of a workspace's events: every one, or those about its own records. */
const LIVE_MATRIX: Record<Role, 'all' | 'own'> = { admin: 'all', marketer: 'all', sales_rep: 'own', ops: 'all' };

/** What an event is about, as the test reads it: its contact, or its subject for the rest. */
const about = (event: { subject: string; subjectId: string; payload?: Record<string, unknown> }) =>
  event.subject === 'contact' ? event.subjectId : ((event.payload?.contactId as string | undefined) ?? event.subject);

describe('live events follow contact ownership', () => {
  let db: DataSource;
  let gateway: TestGateway;
  let writer: ReturnType<typeof testPublisher>;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const redisUrl = requireService('redis');
    db = await connectTestDb();
    // A short resync, so events that were never published reach sockets through the log too.
    gateway = await startTestGateway({
      db,
      redisUrl,
      config: { LIVE_RESYNC_INTERVAL_MS: 200 },
      // Signed-in users, as the session resolver would establish them.
      resolveSession: async (req) => {
        const header = req.get(PRINCIPAL_HEADER);
        return header ? (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Principal) : null;
      },
    });
    writer = testPublisher(redisUrl);
  });
  afterAll(async () => {
    for (const c of clients) c.socket.disconnect();
    await gateway?.close();
    writer?.redis.disconnect();
    await db?.destroy();
  });

  const connect = async (auth: Record<string, unknown>, principal?: Principal) => {
    const c = await connectTestClient(gateway.url, auth, principal ? asHeader(principal) : undefined);
    clients.push(c);
    await c.waitForReady();
    return c;
  };

  it("gives a sales rep's socket only events about contacts they may read, live and on replay", async () => {
    const { tenantId } = await createTenantWithKey(db, 'live ownership');
    const admin: Principal = { tenantId, userId: randomUUID(), role: 'admin', via: 'session' };
    const rep: Principal = { tenantId, userId: randomUUID(), role: 'sales_rep', via: 'session' };
    const repKey = await createApiKey(db, tenantId, 'rep key', 'sales_rep');
    const mine = await createContact(db, admin, { firstName: 'Mine', ownerId: rep.userId });
    const theirs = await createContact(db, admin, { firstName: 'Theirs', ownerId: randomUUID() });
    const before = await latestEventSeq(db.manager, tenantId);

    const rooms = [`tenant:${tenantId}`, `contact:${theirs.id}`];
    const adminSocket = await connect({ rooms }, admin);
    const repSocket = await connect({ rooms }, rep);
    const keySocket = await connect({ token: repKey, rooms });

    // Published through Redis, one commit: every contact-bearing kind of event, then one about a flow.
    const runId = randomUUID();
    await commitAndPublish(db, writer.publisher, tenantId, (_manager, append) =>
      append([
        { type: 'contact.updated', subject: 'contact', subjectId: mine.id, payload: { fields: ['title'] } },
        { type: 'contact.updated', subject: 'contact', subjectId: theirs.id, payload: { fields: ['title'] } },
        { type: 'message.created', subject: 'message', subjectId: randomUUID(), payload: { contactId: theirs.id } },
        { type: 'message.created', subject: 'message', subjectId: randomUUID(), payload: { contactId: mine.id } },
        { type: 'run.moved', subject: 'run', subjectId: runId, payload: { contactId: theirs.id, runId } },
        { type: 'note.created', subject: 'note', subjectId: randomUUID(), payload: { contactId: theirs.id } },
        { type: 'approval.requested', subject: 'approval', subjectId: randomUUID(), payload: { contactId: theirs.id } },
        { type: 'message.created', subject: 'message', subjectId: randomUUID(), payload: { contactId: null } },
        { type: 'deal.updated', subject: 'deal', subjectId: randomUUID(), payload: { fields: ['amount'] } },
        { type: 'flow.updated', subject: 'flow', subjectId: randomUUID() },
      ]),
    );
    // Never published: these reach sockets only when the gateway reads the log.
    await updateContact(db, admin, theirs.id, { title: 'CFO' });
    await updateContact(db, admin, mine.id, { title: 'CTO' });
    await createFlow(db, admin, { name: 'sentinel', kind: 'sequence' }, harnessEgress.allow);

    const everything = await adminSocket.waitForEvents(13);
    expect(everything.map(about)).toContain(theirs.id);
    const expected = [mine.id, mine.id, 'flow', mine.id, 'flow'];
    expect((await repSocket.waitForEvents(5)).map(about)).toEqual(expected);
    // An API key of a sales rep owns nothing: only what is about no one's contact.
    expect((await keySocket.waitForEvents(2)).map(about)).toEqual(['flow', 'flow']);

    // Reconnecting from before all of it replays the same selection from the log.
    const replay = await connect({ rooms, lastSeq: before }, rep);
    expect((await replay.waitForEvents(5)).map(about)).toEqual(expected);

    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const socket of [repSocket, keySocket, replay]) {
      expect(JSON.stringify(socket.events)).not.toContain(theirs.id);
    }
    expect(repSocket.events).toHaveLength(5);
    expect(adminSocket.events).toHaveLength(13);
  });
  it.each(ROLE_ORDER.map((role) => [role, LIVE_MATRIX[role]] as const))(
    'gives a %s socket %s events, deletions included',
    async (role) => {
      const { tenantId } = await createTenantWithKey(db, `live matrix ${role}`);
      const admin: Principal = { tenantId, userId: randomUUID(), role: 'admin', via: 'session' };
      const user: Principal = { tenantId, userId: randomUUID(), role, via: 'session' };
      const mine = await createContact(db, admin, { firstName: 'Mine', ownerId: user.userId });
      const theirs = await createContact(db, admin, { firstName: 'Theirs', ownerId: randomUUID() });
      const socket = await connect({ rooms: [`tenant:${tenantId}`] }, user);

      await commitAndPublish(db, writer.publisher, tenantId, (_manager, append) =>
        append([
          { type: 'contact.updated', subject: 'contact', subjectId: theirs.id, payload: { fields: ['title'] } },
          { type: 'run.moved', subject: 'run', subjectId: randomUUID(), payload: { contactId: mine.id } },
        ]),
      );
      // Deleted records can no longer be looked up: their deletion still reaches their owner.
      await deleteContact(db, admin, theirs.id);
      await deleteContact(db, admin, mine.id);
      await createFlow(db, admin, { name: 'sentinel', kind: 'sequence' }, harnessEgress.allow);

      const all = [theirs.id, mine.id, theirs.id, mine.id, 'flow'];
      const expected = LIVE_MATRIX[role] === 'all' ? all : all.filter((about) => about !== theirs.id);
      expect((await socket.waitForEvents(expected.length)).map(about)).toEqual(expected);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(socket.events.map(about)).toEqual(expected);
    },
  );
});
