import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { Connection } from '@temporalio/client';
import { cadenzaClient } from '@cadenza/temporal';
import { createDataSource, type DataSource } from '@cadenza/data';
import { imapDelivery, startSmtpSink, type SmtpSink } from '@cadenza/services/messaging';
import { testPayloadKeys } from '@cadenza/test-harness/payload-keys';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { flowOf } from '@cadenza/test-harness/flow-fixtures';
import { startWorkerProcess, type WorkerProcess } from '@cadenza/test-harness/worker-process';
import { waitUntil } from '../scripts/services/wait-until';
import { startApiProcess, type ApiProcess } from './api-process';
import type { DrillServices } from './drill-services';

/**
 * Email, wait for the reply, tag, then wait for a second reply: a run told twice of the same
 * reply would take the repeat as the second and be tagged `replied_twice`.
 */
const replyTwiceFlow = flowOf(
  [
    { id: 'mail', type: 'send_email', settings: { subject: 'Quick question', body: '<p>Hi</p>' } },
    {
      id: 'await',
      type: 'wait_for_event',
      settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
    },
    { id: 'replied', type: 'add_tag', settings: { tag: 'replied' } },
    {
      id: 'again',
      type: 'wait_for_event',
      settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
    },
    { id: 'twice', type: 'add_tag', settings: { tag: 'replied_twice' } },
  ],
  [
    ['start', 'mail'],
    ['mail', 'await'],
    ['await', 'replied'],
    ['replied', 'again'],
    ['again', 'twice'],
  ],
);

export interface MailboxDrillContext {
  /** Delivers these replies into the rep's INBOX by SMTP (the contacts' side), one after another. */
  sendReplies: (indexes: number[]) => Promise<void>;
  /** Delivers what the sink could not while Dovecot was down (a sending server's retry); answers how many. */
  redeliver: () => Promise<number>;
  /** Replies imported (matched) so far. */
  imported: () => Promise<number>;
  /** SIGKILLs the worker and starts a new one; resolves when it polls. */
  replaceWorker: () => Promise<void>;
  replies: number;
}

export interface MailboxDrillResult {
  replies: number;
  imported: number;
  /** Imports whose run was told more than once: the sender's debt, absorbed by the run. */
  runsSignalledMoreThanOnce: number;
  repeatedSignals: number;
  runsTakingAReplyTwice: number;
  runsNotPastTheirWait: number;
  seconds: number;
  failures: string[];
}

/**
 * Drills 8 and 9: a rep's mailbox on the drills' Dovecot, synced by the real worker process, and
 * `count` runs (started through the real API process) waiting for their contact's reply. The
 * replies come in by SMTP while `disrupt` breaks things; afterwards every reply must be matched
 * exactly once (one import per reply, one timeline entry per contact) and no run may take a reply
 * twice (none reaches its second wait's `replied_twice`), whatever signals were repeated.
 */
export async function runMailboxDrill(
  services: DrillServices,
  count: number,
  disrupt: (context: MailboxDrillContext) => Promise<void>,
  log: (line: string) => void,
): Promise<MailboxDrillResult> {
  const failures: string[] = [];
  const started = Date.now();
  const db = await createDataSource({ url: services.databaseUrl, poolSize: 4 }).initialize();
  const taskQueue = `drill-mailbox-${randomUUID()}`;
  const imap = { host: '127.0.0.1', port: services.imapPort, password: services.imapPassword };
  // Cadenza's outbound mail and the contacts' replies both go through a sink that delivers into
  // Dovecot. What it could not deliver (Dovecot down) is queued, as a sending server would.
  const intoDovecot = imapDelivery(imap);
  const undelivered: Array<[recipients: string[], raw: string]> = [];
  const sink: SmtpSink = await startSmtpSink({
    db,
    port: 0,
    deliver: (recipients, raw) =>
      intoDovecot(recipients, raw).catch((error: unknown) => {
        undelivered.push([recipients, raw]);
        throw error;
      }),
  });
  allowEgressTo(sink.port, services.imapPort);
  Object.assign(process.env, {
    REDIS_URL: services.redisUrl,
    PUBLIC_BASE_URL: 'https://cadenza.test',
    SINK_DAILY_LIMIT: '1000000',
    SINK_PER_MINUTE_LIMIT: '1000000',
  });
  const connection = await Connection.connect({ address: services.temporalAddress });
  const temporal = cadenzaClient({ connection, namespace: 'default', payloadKeys: testPayloadKeys(db) });
  let api: ApiProcess | undefined;
  let worker: WorkerProcess | undefined;
  const spawnWorker = async () => {
    worker = await startWorkerProcess({
      DATABASE_URL: services.databaseUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    await worker.ready;
  };
  try {
    api = await startApiProcess(services, { TEMPORAL_TASK_QUEUE: taskQueue });
    await spawnWorker();
    const call = async (route: string, init: { method?: string; body?: unknown } = {}) => {
      const answer = await api!.call(`/api/v1${route}`, { ...init, timeoutMs: 30_000 });
      if (answer.status >= 300)
        throw new Error(`${init.method ?? 'GET'} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };

    const rep = `rep-${randomUUID()}@acme.test`;
    const mailbox = await call('/mailboxes', {
      method: 'POST',
      body: {
        kind: 'smtp',
        name: 'Rep',
        fromAddress: rep,
        host: '127.0.0.1',
        port: sink.port,
        isDefault: true,
        perMinuteLimit: 100_000,
        imap: { host: imap.host, port: imap.port, secure: false, username: rep, password: imap.password },
      },
    });
    const flow = await call('/flows', {
      method: 'POST',
      body: { name: `Replies ${taskQueue}`, kind: 'sequence', draft: replyTwiceFlow },
    });
    await call(`/flows/${flow.id}/publish`, { method: 'POST' });
    const contactIds: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const contact = await call('/contacts', {
        method: 'POST',
        body: { firstName: 'Lead', email: `lead-${i}-${randomUUID().slice(0, 8)}@example.com` },
      });
      contactIds.push(contact.id as string);
    }
    await call(`/flows/${flow.id}/enrollments`, { method: 'POST', body: { contactIds } });
    await waitUntil(
      'every run waiting for its reply',
      async () => (await waitingAt(db, flow.id as string, 'await')) >= count,
      { timeoutMs: 300_000, intervalMs: 500 },
    );
    const sent = (await db.query(
      `SELECT m.to_address AS "to", m.rfc_message_id AS "rfc", r.workflow_id AS "workflowId", m.contact_id AS "contactId"
       FROM messages m JOIN flow_runs r ON r.enrollment_id = m.enrollment_id
       WHERE r.flow_id = $1 AND m.status = 'sent' ORDER BY m.created_at`,
      [flow.id],
    )) as Array<{ to: string; rfc: string; workflowId: string; contactId: string }>;
    log(`${sent.length} runs sent their email and wait for the reply`);

    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      ignoreTLS: true,
    });
    const imported = async () => {
      const [row] = (await db.query(
        `SELECT count(*)::int AS n FROM mailbox_imports WHERE mailbox_id = $1 AND kind = 'reply'`,
        [mailbox.id],
      )) as Array<{ n: number }>;
      return row!.n;
    };
    try {
      await disrupt({
        replies: sent.length,
        imported,
        redeliver: async () => {
          const queued = undelivered.splice(0);
          for (const [recipients, raw] of queued) await intoDovecot(recipients, raw);
          return queued.length;
        },
        replaceWorker: async () => {
          worker?.kill();
          await worker?.exited;
          await spawnWorker();
        },
        sendReplies: async (indexes) => {
          for (const i of indexes) {
            const to = sent[i]!;
            const raw = [
              `From: <${to.to}>`,
              `To: <${rep}>`,
              'Subject: Re: Quick question',
              `Message-ID: <reply-${i}-${randomUUID()}@example.com>`,
              `In-Reply-To: <${to.rfc}>`,
              `References: <${to.rfc}>`,
              'Content-Type: text/plain; charset=utf-8',
              '',
              `Yes, let's talk (${i}).`,
              '',
            ].join('\r\n');
            await transport.sendMail({ envelope: { from: to.to, to: [rep] }, raw });
          }
        },
      });
    } finally {
      transport.close();
    }

    // Every run past its first wait and resting at the second: the replies all reached them.
    await waitUntil(
      'every run past its reply',
      async () => (await waitingAt(db, flow.id as string, 'again')) >= sent.length,
      { timeoutMs: 300_000, intervalMs: 500 },
    ).catch((error: Error) => failures.push(error.message));
    const notPast = sent.length - (await waitingAt(db, flow.id as string, 'again'));
    const importedCount = await imported();
    const [timeline] = (await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT contact_id)::int AS contacts FROM timeline_entries
       WHERE tenant_id = $1 AND kind = 'email_replied'`,
      [api.tenantId],
    )) as Array<{ n: number; contacts: number }>;
    const [twice] = (await db.query(
      `SELECT count(*)::int AS n FROM contacts WHERE tenant_id = $1 AND 'replied_twice' = ANY(tags)`,
      [api.tenantId],
    )) as Array<{ n: number }>;
    const [unsignalled] = (await db.query(
      `SELECT count(*)::int AS n FROM mailbox_imports WHERE mailbox_id = $1 AND run_workflow_id IS NOT NULL AND signalled_at IS NULL`,
      [mailbox.id],
    )) as Array<{ n: number }>;
    // What the runs' histories say: signals a sender repeated (absorbed by the run, reported).
    let runsSignalledMoreThanOnce = 0;
    let repeatedSignals = 0;
    for (const run of sent) {
      const history = await temporal.workflow.getHandle(run.workflowId).fetchHistory();
      const signals = (history.events ?? []).filter(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'inboundEvent',
      ).length;
      if (signals > 1) runsSignalledMoreThanOnce += 1;
      repeatedSignals += Math.max(0, signals - 1);
      if (signals === 0) failures.push(`run ${run.workflowId} was never signalled`);
    }
    if (importedCount !== sent.length) failures.push(`${importedCount} replies imported, ${sent.length} sent`);
    if (timeline!.n !== sent.length || timeline!.contacts !== sent.length)
      failures.push(
        `${timeline!.n} reply timeline entries for ${timeline!.contacts} contacts, ${sent.length} expected`,
      );
    if (twice!.n) failures.push(`${twice!.n} runs took a reply twice`);
    if (unsignalled!.n) failures.push(`${unsignalled!.n} imports never signalled their run`);
    if (notPast) failures.push(`${notPast} runs not past their reply`);
    log(
      `imported ${importedCount}/${sent.length}; runs told twice ${runsSignalledMoreThanOnce} (dropped by the run); took a reply twice ${twice!.n}`,
    );
    if (failures.length) log(`worker output:\n${worker?.output().slice(-3000)}`);
    return {
      replies: sent.length,
      imported: importedCount,
      runsSignalledMoreThanOnce,
      repeatedSignals,
      runsTakingAReplyTwice: twice!.n,
      runsNotPastTheirWait: notPast,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      failures,
    };
  } finally {
    worker?.kill();
    await worker?.exited;
    await api?.stop();
    await connection.close();
    await sink.close();
    await db.destroy();
  }
}

async function waitingAt(db: DataSource, flowId: string, nodeId: string): Promise<number> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS n FROM flow_runs WHERE flow_id = $1 AND status = 'waiting' AND current_node_id = $2`,
    [flowId, nodeId],
  )) as Array<{ n: number }>;
  return row!.n;
}

/** Until `imported()` reaches `atLeast` (the sync is mid-batch), polled every 20 ms. */
const untilImported = (context: MailboxDrillContext, atLeast: number) =>
  waitUntil('imports under way', async () => (await context.imported()) >= atLeast, {
    timeoutMs: 120_000,
    intervalMs: 20,
  });

/**
 * Drill 8: Dovecot stopped for `seconds` while the sync reads a batch of replies. The replies not
 * yet delivered wait (as the contacts' servers would queue them) and go in once it is back.
 */
export function imapOutageDrill(
  services: DrillServices,
  options: { replies: number; seconds: number },
  log: (line: string) => void,
) {
  return runMailboxDrill(
    services,
    options.replies,
    async (context) => {
      const all = Array.from({ length: context.replies }, (_, i) => i);
      const firstHalf = all.slice(0, Math.ceil(all.length / 2));
      // Stopped as soon as the sync has imported one: the rest of the batch is still coming in.
      const sending = context.sendReplies(firstHalf);
      await untilImported(context, 1);
      await services.stopImap();
      const down = Date.now();
      log(`dovecot stopped with ${await context.imported()}/${firstHalf.length} replies sent so far imported`);
      await sending;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.seconds * 1000 - (Date.now() - down))));
      await services.startImap();
      log(`dovecot back after ${((Date.now() - down) / 1000).toFixed(1)} s`);
      log(`${await context.redeliver()} replies the sink could not deliver meanwhile delivered now`);
      await context.sendReplies(all.slice(firstHalf.length));
    },
    log,
  ).then((result) => ({ ...result, outageSeconds: options.seconds }));
}

/**
 * Drill 9: the worker SIGKILLed `kills` times while the sync imports a batch of replies (at a
 * quarter, a half ... of them), a new one started each time.
 */
export function mailboxWorkerKillDrill(
  services: DrillServices,
  options: { replies: number; kills: number },
  log: (line: string) => void,
) {
  const killedAtImports: number[] = [];
  return runMailboxDrill(
    services,
    options.replies,
    async (context) => {
      const all = Array.from({ length: context.replies }, (_, i) => i);
      const sending = context.sendReplies(all);
      for (let kill = 1; kill <= options.kills; kill += 1) {
        const at = Math.max(1, Math.floor((context.replies * kill) / (options.kills + 1)));
        await untilImported(context, at);
        const imported = await context.imported();
        await context.replaceWorker();
        killedAtImports.push(imported);
        log(`worker killed with ${imported}/${context.replies} replies imported`);
      }
      await sending;
    },
    log,
  ).then((result) => ({ ...result, kills: killedAtImports.length, killedAtImports }));
}
