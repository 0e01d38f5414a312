import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type Principal } from '@cadenza/core';
import { createCrmFlowPort, enrollContact } from '@cadenza/services/flow';
import { createMailbox, findSinkMessages, getRun, updateMailbox, type DataSource } from '@cadenza/data';
import type { SmtpSink } from '@cadenza/services/messaging';
import { waitUntil } from '../../scripts/services/wait-until';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { startWorkerProcessPlatform, type WorkerProcessPlatform } from '@cadenza/test-harness/worker-process-platform';
import { skipWaitSignal } from '@cadenza/contracts';

const CONTACTS = 7;
const PER_MINUTE = 3;
const DAILY = 5;

interface SentRow {
  enrollment_id: string;
  sent_at: Date;
}

/**
 * The per-mailbox budgets hold across two production worker processes sharing one Redis:
 * seven runs send through a mailbox allowed 3 a minute and 5 a day. Three go at once, two
 * more a minute later, and the last two wait in their runs (not failed, not dropped) until
 * the day's cap is raised, then each sends exactly once.
 */
describe('mailbox throttling across two workers', () => {
  let platform: WorkerProcessPlatform;
  let db: DataSource;
  let sinkDb: DataSource;
  let sink: SmtpSink;
  let client: Client;
  let admin: Principal;
  const taskQueue = `throttle-${randomUUID()}`;

  beforeAll(async () => {
    // The worker processes inherit the platform's environment: the Redis every worker shares, and the sink.
    platform = await startWorkerProcessPlatform('Throttle across workers', taskQueue);
    ({ db, sinkDb, sink, client, admin } = platform);
  });

  afterAll(() => platform?.teardown());

  const sentOf = async (enrollmentIds: string[]) =>
    (await db.query(
      `SELECT enrollment_id, sent_at FROM messages WHERE enrollment_id = ANY($1::uuid[]) AND status = 'sent'
       ORDER BY sent_at`,
      [enrollmentIds],
    )) as SentRow[];

  it('never sends more than the mailbox allows, and sends every held message once its slot comes', async () => {
    const mailbox = await createMailbox(db, null, admin.tenantId, {
      kind: 'smtp',
      name: 'Shared',
      fromAddress: 'rep@acme.test',
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      dailyLimit: DAILY,
      perMinuteLimit: PER_MINUTE,
      isDefault: true,
    });
    const flow = await publishedFlow(
      db,
      admin,
      flowOf(
        [
          { id: 'mail', type: 'send_email', settings: { subject: 'Hello', body: 'Hi {{contact.firstName}}' } },
          { id: 'tag', type: 'add_tag', settings: { tag: 'mailed' } },
        ],
        [
          ['start', 'mail'],
          ['mail', 'tag'],
        ],
      ),
    );
    const workers = [await platform.startWorker(), await platform.startWorker()];
    await Promise.all(workers.map((worker) => worker.ready));

    const deps = { db, temporal: client, taskQueue, crm: createCrmFlowPort(db) };
    const enrollments = await Promise.all(
      Array.from({ length: CONTACTS }, async (_, i) => {
        const contactId = await newContact(db, admin, { email: `throttle-${i}-${randomUUID()}@example.com` });
        const outcome = await enrollContact(deps, {
          tenantId: admin.tenantId,
          flowId: flow.flowId,
          contactId,
          source: 'test',
        });
        if (outcome.status !== 'started') throw new Error(`enrollment of ${contactId}: ${outcome.status}`);
        return outcome;
      }),
    );
    const ids = enrollments.map((enrollment) => enrollment.enrollmentId);

    // The first minute's three, then two more once they leave the 60-second window: the day's five.
    await waitUntil('the day cap reached', async () => ((await sentOf(ids)).length >= DAILY ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
    const held = await waitUntil(
      'the other runs held at the send',
      async () => {
        const runs = await Promise.all(ids.map((id) => getRun(db, admin.tenantId, id)));
        const waiting = runs.filter((run) => run.status === 'waiting' && run.currentNodeId === 'mail');
        return waiting.length === CONTACTS - DAILY ? waiting : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // The held runs keep coming back for a slot (each refusal is another activity call): still none.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const sent = await sentOf(ids);
    expect(sent).toHaveLength(DAILY);
    const times = sent.map((row) => row.sent_at.getTime());
    // No PER_MINUTE + 1 sends within 60 s (sent_at trails the slot by the SMTP call: 2 s of slack).
    for (let i = 0; i + PER_MINUTE < times.length; i += 1) {
      expect(times[i + PER_MINUTE]! - times[i]!).toBeGreaterThanOrEqual(58_000);
    }
    for (const run of await Promise.all(ids.map((id) => getRun(db, admin.tenantId, id)))) {
      expect(['completed', 'waiting']).toContain(run.status);
    }

    // Both processes did the sending: the history names the worker that ran each send attempt.
    const identities = new Set<string>();
    for (const { workflowId } of enrollments) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      for (const event of history.events ?? []) {
        const identity = event.activityTaskStartedEventAttributes?.identity;
        if (identity) identities.add(identity);
      }
    }
    expect(identities.size).toBe(2);

    // The day's cap raised and the held runs told to try now: each sends once, none is lost.
    await updateMailbox(db, null, admin.tenantId, mailbox.id, { dailyLimit: 100, perMinuteLimit: 100 });
    for (const run of held) {
      await client.workflow.getHandle(run.workflowId).signal(skipWaitSignal);
    }
    await Promise.all(enrollments.map(({ workflowId }) => client.workflow.getHandle(workflowId).result()));
    const all = await sentOf(ids);
    expect(all.map((row) => row.enrollment_id).sort()).toEqual([...ids].sort());
    // The sink got each message once (the Message-ID is derived from the run's key).
    const rfcIds = (await db.query(`SELECT rfc_message_id FROM messages WHERE enrollment_id = ANY($1::uuid[])`, [
      ids,
    ])) as Array<{ rfc_message_id: string }>;
    expect(rfcIds).toHaveLength(CONTACTS);
    for (const { rfc_message_id } of rfcIds) expect(await findSinkMessages(sinkDb, rfc_message_id)).toHaveLength(1);
  }, 240_000);
});
