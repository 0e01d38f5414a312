import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection, type Client } from '@temporalio/client';
import { cadenzaClient } from '@cadenza/temporal';
import { testPayloadKeys } from '@cadenza/test-harness/payload-keys';
import { sideEffectKey, type Principal } from '@cadenza/core';
import { createCrmFlowPort, enrollContact } from '@cadenza/services/flow';
import { getContact, type DataSource } from '@cadenza/data';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import { adminOfNewTenant, flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { startHarnessWorker, type WorkerProcess } from '@cadenza/test-harness/worker-process';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';

const CONTACTS = 20;
const SLOW_ANSWER_MS = 300;
const KILL_AFTER_REQUESTS = 5;

interface ReceivedRequest {
  key: string | undefined;
  at: number;
}

/** A slow outbound-webhook receiver that records the idempotency key of every request. */
function startSlowReceiver(received: ReceivedRequest[], onRequest: () => void): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ key: req.headers['idempotency-key'] as string | undefined, at: Date.now() });
      onRequest();
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), SLOW_ANSWER_MS);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The durability promise on a real Temporal server and PostgreSQL: the production worker
 * process is SIGKILLed while runs are mid-flight, a new one takes over, and every side
 * effect still happens exactly once (HTTP calls at most retried with the same key).
 */
describe('a worker killed mid-run', () => {
  let db: DataSource;
  let connection: Connection;
  let client: Client;
  let server: Server;
  let admin: Principal;
  const workers: WorkerProcess[] = [];
  const received: ReceivedRequest[] = [];
  const taskQueue = `worker-crash-${randomUUID()}`;
  let enoughRequests: () => void = () => undefined;
  const requestsArrived = new Promise<void>((resolve) => (enoughRequests = resolve));

  beforeAll(async () => {
    db = await connectTestDb();
    connection = await Connection.connect({ address: requireService('temporal') });
    client = cadenzaClient({ connection, namespace: 'default', payloadKeys: testPayloadKeys(db) });
    server = await startSlowReceiver(received, () => {
      if (received.length >= KILL_AFTER_REQUESTS) enoughRequests();
    });
    // Before any worker spawns: they inherit the allow entry for the webhook double.
    allowEgressTo((server.address() as AddressInfo).port);
    admin = await adminOfNewTenant(db, 'Worker crash');
  });

  afterAll(async () => {
    for (const worker of workers) worker.kill();
    await Promise.all(workers.map((worker) => worker.exited));
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await connection?.close();
    await db?.destroy();
  });

  const spawnWorker = async () => {
    const worker = await startHarnessWorker(taskQueue);
    workers.push(worker);
    return worker;
  };

  it('resumes every run on a new worker without repeating a side effect', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const flow = await publishedFlow(
      db,
      admin,
      flowOf(
        [
          { id: 'tag', type: 'add_tag', settings: { tag: 'crash_tested' } },
          { id: 'hook', type: 'http_request', settings: { method: 'POST', url, body: '{"ping":true}' } },
          { id: 'stage', type: 'update_field', settings: { field: 'lifecycleStage', value: 'opportunity' } },
        ],
        [
          ['start', 'tag'],
          ['tag', 'hook'],
          ['hook', 'stage'],
        ],
      ),
    );
    const contactIds = await Promise.all(
      Array.from({ length: CONTACTS }, (_, i) =>
        newContact(db, admin, { email: `crash-${i}-${randomUUID()}@example.com` }),
      ),
    );

    const first = await spawnWorker();
    const deps = { db, temporal: client, taskQueue, crm: createCrmFlowPort(db) };
    const enrollments = await Promise.all(
      contactIds.map(async (contactId) => {
        const outcome = await enrollContact(deps, {
          tenantId: admin.tenantId,
          flowId: flow.flowId,
          contactId,
          source: 'test',
        });
        if (outcome.status !== 'started') throw new Error(`enrollment of ${contactId}: ${outcome.status}`);
        return { contactId, enrollmentId: outcome.enrollmentId, workflowId: outcome.workflowId };
      }),
    );
    await first.ready;
    await requestsArrived;
    first.kill();
    await first.exited;
    // Taken once the process is gone: a request it sent just before dying may land a moment after kill().
    const killedAt = Date.now();
    const requestsBeforeKill = received.filter((request) => request.at <= killedAt).length;

    // The kill must land mid-run, or this test proves nothing.
    const stillRunning = await Promise.all(
      enrollments.map(async ({ workflowId }) => (await client.workflow.getHandle(workflowId).describe()).status.name),
    );
    expect(stillRunning.filter((status) => status === 'RUNNING').length).toBeGreaterThan(0);

    await spawnWorker();
    const results = await Promise.all(
      enrollments.map(({ workflowId }) => client.workflow.getHandle(workflowId).result()),
    );
    expect(results.map((result) => result.status)).toEqual(enrollments.map(() => 'completed'));

    for (const { contactId, enrollmentId } of enrollments) {
      const contact = await getContact(db, admin, contactId);
      expect(contact.tags).toEqual(['crash_tested']);
      expect(contact.lifecycleStage).toBe('opportunity');
      // One audit entry per change, both naming this run: nothing was applied twice.
      const audit = (await db.query(
        `SELECT actor_id, before->'tags' AS before_tags, after->'tags' AS after_tags,
                after->>'lifecycleStage' AS stage
         FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'update' ORDER BY id`,
        [admin.tenantId, contactId],
      )) as Array<{ actor_id: string; before_tags: string[]; after_tags: string[]; stage: string | null }>;
      expect(audit.map((row) => row.actor_id)).toEqual([enrollmentId, enrollmentId]);
      expect(audit[0]).toMatchObject({ before_tags: [], after_tags: ['crash_tested'] });
      expect(audit[1]).toMatchObject({ after_tags: ['crash_tested'], stage: 'opportunity' });
      const effects = (await db.query(`SELECT key FROM flow_side_effects WHERE enrollment_id = $1 ORDER BY key`, [
        enrollmentId,
      ])) as Array<{ key: string }>;
      expect(effects.map((row) => row.key)).toEqual(
        ['hook', 'stage', 'tag'].map((node) => sideEffectKey(enrollmentId, node, 1)),
      );
    }

    // Every call carried its run's key; a key seen twice is a retry of a call the kill cut off.
    const expectedKeys = enrollments.map(({ enrollmentId }) => sideEffectKey(enrollmentId, 'hook', 1)).sort();
    expect(received.every((request) => typeof request.key === 'string')).toBe(true);
    expect([...new Set(received.map((request) => request.key))].sort()).toEqual(expectedKeys);
    const firstSeen = new Map<string, number>();
    for (const request of received) if (!firstSeen.has(request.key!)) firstSeen.set(request.key!, request.at);
    const retried = [...firstSeen.keys()].filter((key) => received.filter((r) => r.key === key).length > 1);
    for (const key of retried) expect(firstSeen.get(key)!).toBeLessThanOrEqual(killedAt);
    // The kill came right as a call arrived, before its slow answer: that call must have been retried.
    expect(retried.length).toBeGreaterThan(0);
    expect(requestsBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER_REQUESTS);
  }, 150_000);
});
