import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mailboxSyncWorkflowId, type Principal } from '@cadenza/core';
import { createMailbox, deleteMailbox, type DataSource } from '@cadenza/data';
import { WORKFLOW_NAMES, mailboxSyncNowSignal, type WorkflowContracts } from '@cadenza/contracts';
import { startTimeSkippingFlowEnv, type TimeSkippingFlowEnv } from '@cadenza/test-harness/time-skipping-flow-env';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { loadMessagingSettings } from '@cadenza/services/messaging';

/**
 * The sync workflow on Temporal's time-skipping server with the real poll activity, PostgreSQL and
 * Dovecot: it polls on its interval, continues as new after `pollsPerRun` polls (its cursor is in
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
          { tenantId: admin.tenantId, mailboxId: mailbox.id, pollIntervalMs: 60_000, pollsPerRun: 2, batchSize: 50 },
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
});
