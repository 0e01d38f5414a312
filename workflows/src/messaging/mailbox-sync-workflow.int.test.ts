import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { mailboxSyncWorkflowId, type Principal } from '@cadenza/core';
import { createMailbox, deleteMailbox, type DataSource } from '@cadenza/data';
import { WORKFLOW_NAMES, mailboxSyncNowSignal, type WorkflowContracts } from '@cadenza/contracts';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { deliverToMailbox, testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { fakeImapServer } from '@cadenza/test-harness/fake-imap-server';
import { waitUntil } from '../../../scripts/services/wait-until';
import { loadMessagingSettings } from '@cadenza/services/messaging';

/**
 * The sync workflow on Temporal's time-skipping server with the real poll activity, PostgreSQL and
 * Dovecot: between polls it waits in IMAP IDLE (real time: a running activity stops the clock) or,
 * without IDLE, on its interval; it continues as new after `pollsPerRun` polls (its cursor is in
 * the database, so nothing is carried over), and ends when its mailbox is deleted.
 */
describe('mailboxSyncWorkflow', () => {
  let flowEnv: TimeSkippingFlowEnv;
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  const taskQueue = `mailbox-sync-${randomUUID()}`;
  const imap = testImapServer();

  beforeAll(async () => {
    allowEgressTo(imap.port);
    process.env.CADENZA_SECRET_KEY ??= process.env.CADENZA_TEST_SECRET_KEY;
    flowEnv = await startTimeSkippingFlowEnv(taskQueue, 'Mailbox sync workflow');
    ({ env, db, admin } = flowEnv);
  }, 120_000);
  afterAll(() => flowEnv?.teardown());

  const pollsOf = async (mailboxId: string) =>
    (
      (await db.query(`SELECT last_sync_at FROM mailboxes WHERE id = $1`, [mailboxId])) as Array<{
        last_sync_at: Date | null;
      }>
    )[0]?.last_sync_at;

  async function imapMailbox(server: { host: string; port: number } = imap) {
    const address = `rep-${randomUUID()}@acme.test`;
    const mailbox = await createMailbox(db, loadMessagingSettings().secretKey, admin.tenantId, {
      kind: 'smtp',
      name: 'Rep',
      fromAddress: address,
      host: 'smtp.acme.test',
      port: 587,
      secure: false,
      dailyLimit: 1000,
      perMinuteLimit: 10,
      isDefault: false,
      imap: { host: server.host, port: server.port, secure: false, username: address, password: imap.password },
    });
    return { id: mailbox.id, address };
  }

  const startSync = (mailboxId: string, pollsPerRun = 50) =>
    env.client.workflow.start<WorkflowContracts['mailboxSyncWorkflow']>(WORKFLOW_NAMES.mailboxSyncWorkflow, {
      taskQueue,
      workflowId: mailboxSyncWorkflowId(admin.tenantId, mailboxId),
      // An interval far longer than the test: only IDLE (or sync-now) can make the next poll.
      args: [{ tenantId: admin.tenantId, mailboxId, pollIntervalMs: 3_600_000, pollsPerRun, batchSize: 50 }],
    });

  const activitiesOf = async (handle: WorkflowHandle) =>
    ((await handle.fetchHistory()).events ?? []).flatMap(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
  const cursorOf = async (mailboxId: string) =>
    (
      (await db.query(`SELECT last_uid::int AS "lastUid" FROM mailbox_sync_cursors WHERE mailbox_id = $1`, [
        mailboxId,
      ])) as Array<{ lastUid: number }>
    )[0]?.lastUid;
  const idling = (handle: WorkflowHandle) =>
    waitUntil(
      'the sync waiting in IDLE',
      async () =>
        (await handle.describe()).raw.pendingActivities?.some((a) => a.activityType?.name === 'awaitMailboxMail'),
      { timeoutMs: 20_000, intervalMs: 100 },
    );

  it('polls on the interval when the server has no IDLE (asking once per run)', async () => {
    const server = await fakeImapServer({ idle: false });
    try {
      const mailbox = await imapMailbox({ host: '127.0.0.1', port: server.port });
      const handle = await env.client.workflow.start<WorkflowContracts['mailboxSyncWorkflow']>(
        WORKFLOW_NAMES.mailboxSyncWorkflow,
        {
          taskQueue,
          workflowId: mailboxSyncWorkflowId(admin.tenantId, mailbox.id),
          args: [
            { tenantId: admin.tenantId, mailboxId: mailbox.id, pollIntervalMs: 60_000, pollsPerRun: 4, batchSize: 50 },
          ],
        },
      );
      const firstRun = (await handle.describe()).runId;
      await env.sleep('5 minutes');
      const activities = await activitiesOf(env.client.workflow.getHandle(handle.workflowId, firstRun));
      expect(activities.filter((name) => name === 'awaitMailboxMail')).toHaveLength(1);
      expect(activities.filter((name) => name === 'syncMailbox')).toHaveLength(4);
      await deleteMailbox(db, admin.tenantId, mailbox.id);
      await env.client.workflow.getHandle(handle.workflowId).signal(mailboxSyncNowSignal);
      await env.client.workflow.getHandle(handle.workflowId).result();
    } finally {
      await server.close();
    }
  });

  it('after an IDLE that drops, polls again after a back-off that doubles up to the interval', async () => {
    const server = await fakeImapServer({ idle: true, dropInIdleAfterMs: 100 });
    try {
      const mailbox = await imapMailbox({ host: '127.0.0.1', port: server.port });
      const handle = await env.client.workflow.start<WorkflowContracts['mailboxSyncWorkflow']>(
        WORKFLOW_NAMES.mailboxSyncWorkflow,
        {
          taskQueue,
          workflowId: mailboxSyncWorkflowId(admin.tenantId, mailbox.id),
          args: [
            { tenantId: admin.tenantId, mailboxId: mailbox.id, pollIntervalMs: 30_000, pollsPerRun: 50, batchSize: 50 },
          ],
        },
      );
      const timers = async () =>
        ((await handle.fetchHistory()).events ?? []).flatMap((event) => {
          const timeout = event.timerStartedEventAttributes?.startToFireTimeout;
          return timeout ? [Number(timeout.seconds)] : [];
        });
      // 5 + 10 + 20 + 30 + 30 s of back-off fit in two skipped minutes (each IDLE runs in real time).
      await env.sleep('2 minutes');
      const seen = await timers();
      // Never a tight loop: 5 s, then doubling, capped at the polling interval.
      expect(seen.slice(0, 5)).toEqual([5, 10, 20, 30, 30]);
      await deleteMailbox(db, admin.tenantId, mailbox.id);
      await handle.signal(mailboxSyncNowSignal);
      expect(await handle.result()).toEqual({ reason: 'mailbox_gone' });
    } finally {
      await server.close();
    }
  });

  it('polls, continues as new after its polls, and ends when the mailbox is deleted', async () => {
    const address = `rep-${randomUUID()}@acme.test`;
    const mailbox = await createMailbox(db, loadMessagingSettings().secretKey, admin.tenantId, {
      kind: 'smtp',
      name: 'Rep',
      fromAddress: address,
      host: 'smtp.acme.test',
      port: 587,
      secure: false,
      dailyLimit: 1000,
      perMinuteLimit: 10,
      isDefault: false,
      imap: { host: imap.host, port: imap.port, secure: false, username: address, password: imap.password },
    });
    const workflowId = mailboxSyncWorkflowId(admin.tenantId, mailbox.id);
    const handle = await env.client.workflow.start<WorkflowContracts['mailboxSyncWorkflow']>(
      WORKFLOW_NAMES.mailboxSyncWorkflow,
      {
        taskQueue,
        workflowId,
        args: [
          {
            tenantId: admin.tenantId,
            mailboxId: mailbox.id,
            pollIntervalMs: 60_000,
            pollsPerRun: 2,
            batchSize: 50,
            idle: false,
          },
        ],
      },
    );
    const firstRunId = (await handle.describe()).runId;
    // Two polls a minute apart, then a new run: time skips while the test waits.
    await env.sleep('3 minutes');
    const later = await env.client.workflow.getHandle(workflowId).describe();
    expect(later.runId).not.toBe(firstRunId);
    expect(later.status.name).toBe('RUNNING');
    expect(await pollsOf(mailbox.id)).toBeInstanceOf(Date);

    await deleteMailbox(db, admin.tenantId, mailbox.id);
    await env.client.workflow.getHandle(workflowId).signal(mailboxSyncNowSignal);
    expect(await env.client.workflow.getHandle(workflowId).result()).toEqual({ reason: 'mailbox_gone' });
  });

  // Last: an IDLE cut short by sync-now is told so at its next heartbeat, and until then the
  // time-skipping server does not skip time for the other tests.
  it('waits in IDLE between polls: new mail is read within seconds, and sync-now cuts the wait short', async () => {
    const mailbox = await imapMailbox();
    const handle = await startSync(mailbox.id);
    await idling(handle);
    const delivered = Date.now();
    const uid = await deliverToMailbox(
      mailbox.address,
      `From: someone@example.com\r\nSubject: hi\r\nMessage-ID: <${randomUUID()}@example.com>\r\n\r\nhi\r\n`,
    );
    await waitUntil('the new mail read', async () => (await cursorOf(mailbox.id)) === uid, {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    // The interval is an hour: only the IDLE's EXISTS can have made this poll.
    expect(Date.now() - delivered).toBeLessThan(5_000);
    await idling(handle);
    const polls = (await activitiesOf(handle)).filter((name) => name === 'syncMailbox').length;
    await handle.signal(mailboxSyncNowSignal);
    await waitUntil(
      'a poll after sync-now',
      async () => (await activitiesOf(handle)).filter((name) => name === 'syncMailbox').length > polls,
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    await deleteMailbox(db, admin.tenantId, mailbox.id);
    await handle.signal(mailboxSyncNowSignal);
    expect(await handle.result()).toEqual({ reason: 'mailbox_gone' });
  });
});
