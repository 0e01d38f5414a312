import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { activitySettingsFromEnv, closeLocalEmbedder, createActivities } from '@cadenza/activities';
import { createCrmFlowPort } from '@cadenza/services/flow';
import { loadMessagingSettings } from '@cadenza/services/messaging';
import { createMailbox, deleteMailbox, type DataSource } from '@cadenza/data';
import { ensureSearchAttributes, temporalBinaries } from '@cadenza/temporal';
import { inboundEventSignal, mailboxSyncNowSignal, type MailboxSyncInput } from '@cadenza/contracts';
import type { FlowDefinitionInput, Principal } from '@cadenza/core';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { adminOfNewTenant, flowOf, newContact, publishedFlow, runInputOf } from '@cadenza/test-harness/flow-fixtures';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { deliverToMailbox, testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { agentChainAnswers, startOpenAiDouble } from '@cadenza/test-harness/openai-double';
import { decide, pendingApprovalOf, startAgentRun } from '../../activities/src/ai/agent/agent-run.test-support';
import { answer, runAt, sentEmail } from '@cadenza/test-harness/reply-fixtures';

/**
 * Records the replay fixtures (not a test: skipped unless RECORD_REPLAY_HISTORIES names what to
 * record). Run with the workflow code of the shape to record, e.g. before a patch:
 *   RECORD_REPLAY_HISTORIES=mailbox-sync-polling,duplicate-reply-unenrolls npx jest workflows/src/record-replay-histories
 * Histories are written in plain text (no payload codec), as the replay tests expect. Record
 * mailbox-sync-idle on its own: its cancelled IDLE holds the time-skipping clock until it heartbeats.
 */
const wanted = (process.env.RECORD_REPLAY_HISTORIES ?? '').split(',').filter(Boolean);
const record = (name: string) => (wanted.includes(name) ? it : it.skip);

(wanted.length ? describe : describe.skip)('recording replay histories', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let admin: Principal;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `record-${randomUUID()}`;
  const imap = testImapServer();

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    allowEgressTo(imap.port);
    process.env.CADENZA_SECRET_KEY ??= process.env.CADENZA_TEST_SECRET_KEY;
    db = await connectTestDb();
    admin = await adminOfNewTenant(db, 'Replay recordings');
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalBinaries().testServer } },
    });
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('@cadenza/workflows'),
      activities: createActivities({
        db,
        crm: createCrmFlowPort(db),
        temporal: env.client,
        taskQueue,
        settings: activitySettingsFromEnv(),
      }),
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.destroy();
    await closeLocalEmbedder();
  });

  async function save(name: string, workflowId: string, runId?: string) {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    // Beside the replay test of its workflow: flow runs in flow/, the mailbox sync in messaging/.
    const folder = name.startsWith('mailbox-sync') ? 'messaging' : 'flow';
    const file = path.join(__dirname, folder, 'replay-histories', `${name}.history.bin`);
    writeFileSync(file, temporal.api.history.v1.History.encode(history).finish());
  }

  async function imapMailbox() {
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
    return { ...mailbox, address };
  }

  const syncInput = (mailboxId: string, extra: Partial<MailboxSyncInput> = {}): MailboxSyncInput => ({
    tenantId: admin.tenantId,
    mailboxId,
    pollIntervalMs: 60_000,
    pollsPerRun: 3,
    batchSize: 50,
    ...extra,
  });

  record('mailbox-sync-polling')(
    'mailbox-sync-polling: three polls a minute apart, a sync-now, continue-as-new',
    async () => {
      const mailbox = await imapMailbox();
      const workflowId = `record-sync-${randomUUID()}`;
      const handle = await env.client.workflow.start('mailboxSyncWorkflow', {
        taskQueue,
        workflowId,
        args: [syncInput(mailbox.id)],
      });
      const firstRun = (await handle.describe()).runId;
      await handle.signal(mailboxSyncNowSignal);
      await env.sleep('4 minutes');
      expect((await handle.describe()).runId).not.toBe(firstRun);
      await save('mailbox-sync-polling', workflowId, firstRun);
      await deleteMailbox(db, admin.tenantId, mailbox.id);
      await handle.signal(mailboxSyncNowSignal);
      await handle.result();
    },
    120_000,
  );

  record('mailbox-sync-idle')(
    'mailbox-sync-idle: IDLE woken by new mail, IDLE cancelled by sync-now, the mailbox deleted',
    async () => {
      const mailbox = await imapMailbox();
      const workflowId = `record-sync-${randomUUID()}`;
      const handle = await env.client.workflow.start('mailboxSyncWorkflow', {
        taskQueue,
        workflowId,
        args: [syncInput(mailbox.id, { pollsPerRun: 20 })],
      });
      const idling = async () => {
        for (let i = 0; i < 100; i += 1) {
          const { raw } = await handle.describe();
          if (raw.pendingActivities?.some((a) => a.activityType?.name === 'awaitMailboxMail')) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error('the sync never waited in IDLE');
      };
      await idling();
      await deliverToMailbox(mailbox.address, `Subject: hi\r\nMessage-ID: <${randomUUID()}@x.test>\r\n\r\nhi\r\n`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await idling();
      await handle.signal(mailboxSyncNowSignal);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await idling();
      await deleteMailbox(db, admin.tenantId, mailbox.id);
      await handle.signal(mailboxSyncNowSignal);
      expect(await handle.result()).toEqual({ reason: 'mailbox_gone' });
      await save('mailbox-sync-idle', workflowId);
    },
    120_000,
  );

  /** Starts a run of `definition` for a new contact with this email. */
  async function startRun(definition: FlowDefinitionInput, email = `${randomUUID()}@example.com`) {
    const contactId = await newContact(db, admin, { email });
    const input = runInputOf(admin, await publishedFlow(db, admin, definition), contactId, 'Replay fixture');
    const workflowId = `record-run-${input.enrollmentId}`;
    const handle = await env.client.workflow.start('flowRunWorkflow', { taskQueue, workflowId, args: [input] });
    return { handle, workflowId, input };
  }

  /** A run told twice of the same reply while it waits for one, then waiting for another. */
  async function duplicateReplyRun(name: string) {
    const awaitReply = (id: string) => ({
      id,
      type: 'wait_for_event',
      settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
    });
    const tag = (id: string, value: string) => ({ id, type: 'add_tag', settings: { tag: value } });
    const definition = flowOf(
      [
        awaitReply('first'),
        tag('replied', 'replied'),
        awaitReply('second'),
        tag('again', 'again'),
        tag('quiet', 'quiet'),
      ],
      [
        ['start', 'first'],
        ['first', 'replied'],
        ['replied', 'second'],
        ['second', 'again'],
        ['second', 'quiet', 'timeout'],
      ],
    );
    const { handle, workflowId } = await startRun(definition);
    await runAt(handle, 'first');
    await handle.signal(inboundEventSignal, { kind: 'reply', messageId: 'sent-1' });
    await handle.signal(inboundEventSignal, { kind: 'reply', messageId: 'sent-1' });
    await handle.result();
    await save(name, workflowId);
  }

  record('duplicate-reply-before-patch')('duplicate-reply-before-patch', () =>
    duplicateReplyRun('duplicate-reply-before-patch'),
  );
  record('duplicate-reply-dropped')('duplicate-reply-dropped', () => duplicateReplyRun('duplicate-reply-dropped'));

  /**
   * An agent step on the vendor path (a local OpenAI wire double), on a worker of its own: its
   * tool calls (update_field needs approval: approved), then its draft (rejected). Record
   * agent-draft-before-tool-approvals with the ai-agent-step.ts of before AGENT_TOOL_APPROVALS_PATCH
   * (the step then has no tools: one wait, for the draft).
   */
  async function agentRun(name: string, tools: string[]) {
    const double = await startOpenAiDouble(
      agentChainAnswers([
        { name: 'crm_lookup', arguments: {} },
        { name: 'update_field', arguments: { field: 'leadStatus', value: 'connected' } },
      ]),
    );
    const agentQueue = `record-agent-${randomUUID()}`;
    const agentWorker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: agentQueue,
      workflowsPath: require.resolve('@cadenza/workflows'),
      activities: createActivities({
        db,
        crm: createCrmFlowPort(db),
        temporal: env.client,
        taskQueue: agentQueue,
        settings: activitySettingsFromEnv({
          ...process.env,
          OPENAI_API_KEY: 'sk-test',
          OPENAI_BASE_URL: double.baseUrl,
        }),
      }),
    });
    const agentRunning = agentWorker.run();
    try {
      const contactId = await newContact(db, admin, { firstName: 'Grace', email: `${randomUUID()}@example.com` });
      const { handle, enrollmentId } = await startAgentRun({ env, db, taskQueue: agentQueue }, admin, contactId, {
        instructions: 'Qualify {{contact.firstName}}',
        tools,
        maxSteps: 3,
      });
      if (tools.includes('update_field')) {
        const call = await pendingApprovalOf(db, admin.tenantId, enrollmentId);
        await decide(db, admin, handle, call, { action: 'approve' });
      }
      const draft = await pendingApprovalOf(db, admin.tenantId, enrollmentId, (item) => !item.toolCall);
      await decide(db, admin, handle, draft, { action: 'reject' });
      await handle.result();
      await save(name, handle.workflowId);
    } finally {
      agentWorker.shutdown();
      await agentRunning;
      await double.close();
    }
  }

  record('agent-draft-before-tool-approvals')('agent-draft-before-tool-approvals', () =>
    agentRun('agent-draft-before-tool-approvals', []),
  );
  record('agent-tool-approval-then-draft')('agent-tool-approval-then-draft', () =>
    agentRun('agent-tool-approval-then-draft', ['crm_lookup', 'update_field']),
  );

  /**
   * Reply triage (REPLY_TRIAGE_PATCH) in one history: a run waiting for a reply reads an
   * out-of-office auto-reply and pauses; the contact's real reply ends the pause, is read as
   * interested (a task), and answers the wait.
   */
  record('reply-triage-out-of-office')('reply-triage-out-of-office', async () => {
    const definition = flowOf(
      [
        {
          id: 'await',
          type: 'wait_for_event',
          settings: { event: { kind: 'reply' }, timeout: { amount: 5, unit: 'days' } },
        },
        { id: 'replied', type: 'add_tag', settings: { tag: 'replied' } },
      ],
      [
        ['start', 'await'],
        ['await', 'replied'],
      ],
      { unenrollOn: { reply: false } },
    );
    const email = `${randomUUID()}@example.com`;
    const { handle, workflowId, input } = await startRun(definition, email);
    await runAt(handle, 'await');
    const message = await sentEmail(db, input, email);
    await answer(
      db,
      env.client,
      message,
      'auto_reply',
      'I am out of the office until Monday 4 January 2027 with limited access to email.',
    );
    await runAt(handle, 'await', 'paused');
    await answer(
      db,
      env.client,
      message,
      'reply',
      'Thanks, this sounds interesting. Can we set up a call next week to discuss pricing?',
    );
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    await save('reply-triage-out-of-office', workflowId);
  });
});
