import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { readSyncCursor } from '@cadenza/data';
import { mailboxSyncWorkflowId } from '@cadenza/core';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';
import { newContact } from '@cadenza/test-harness/flow-fixtures';
import { testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { mailThenAwaitReply, startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { loadMessagingSettings } from '../messaging-settings';
import type { SignalRun } from '../inbound-intake';
import { signalRunWith } from '../signal-run';
import { syncMailboxOnce, type MailboxSyncResult } from './sync-mailbox';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The platform the mailbox-sync int tests drive: the API, a mailbox whose IMAP side is the
 * harness's Dovecot, flows enrolled through the API, and the sync's own view of things
 * (imports, message events, the signals a run received).
 */
export async function mailboxSyncPlatform(name: string) {
  const imap = testImapServer();
  allowEgressTo(imap.port);
  const started = await startMessagingPlatform(name);
  const { platform, tenant, admin } = started;

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const sql = async <T>(query: string, params: unknown[]) => (await platform.db.query(query, params)) as T[];

  const imapSettings = (username: string, password = imap.password) => ({
    host: imap.host,
    port: imap.port,
    secure: false,
    username,
    password,
  });

  /** The rep's mailbox: sends through the SMTP sink, reads its own Dovecot mailbox; waits for the first poll. */
  async function connectMailbox() {
    const address = `rep-${randomUUID()}@acme.test`;
    const created = await api('/mailboxes', {
      method: 'POST',
      body: {
        kind: 'smtp',
        name: 'Rep',
        fromAddress: address,
        host: '127.0.0.1',
        port: Number(process.env.SMTP_SINK_PORT),
        isDefault: true,
        perMinuteLimit: 1000,
        imap: imapSettings(address),
      },
    });
    expect(created.status).toBe(201);
    await waitUntil('first sync', async () => (await api(`/mailboxes/${created.body.id}`)).body.sync.lastSyncAt, {
      timeoutMs: 30_000,
    });
    return { id: created.body.id as string, address };
  }

  /** A contact enrolled in a flow ("mail, then wait for a reply" unless told), its run waiting at `node`, its email sent. */
  async function enrollAndWait(draft: unknown = mailThenAwaitReply(), node = 'await') {
    const created = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft },
    });
    expect(created.status).toBe(201);
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    const flowId = created.body.id as string;
    const email = `lead-${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email });
    await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const run = await waitUntil(
      `run waiting at ${node}`,
      async () => {
        const found = (await api(`/runs?flowId=${flowId}&contactId=${contactId}`)).body.items[0];
        return found?.status === 'waiting' && found.currentNodeId === node ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const [message] = (await api(`/outbox?contactId=${contactId}`)).body.items;
    expect(message).toMatchObject({ status: 'sent', to: email });
    const workflowId = (
      await sql<{ workflow_id: string }>(`SELECT workflow_id FROM flow_runs WHERE enrollment_id = $1`, [
        run.enrollmentId,
      ])
    )[0]!.workflow_id;
    return { contactId, email, run, message, workflowId };
  }

  /** An RFC 5322 email from headers and a body. */
  const email = (headers: Record<string, string>, body: string) =>
    `${Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
      .map(([header, value]) => `${header}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}\r\n`;

  /** The INBOX's next UID on the harness's Dovecot: everything below it has been delivered. */
  async function inboxUidNext(username: string): Promise<number> {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user: username, pass: imap.password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const status = await client.status('INBOX', { uidNext: true });
      return status ? Number(status.uidNext ?? 1) : 1;
    } finally {
      await client.logout();
    }
  }

  /**
   * Asks the sync workflow for a poll and waits until a poll has finished after the last one and,
   * when it read the INBOX, its cursor has passed every message delivered before the ask. (With
   * IMAP IDLE a poll woken by the first of several deliveries may end after the ask: the cursor,
   * not the poll's time, says the mail was read.)
   */
  async function syncNow(mailboxId: string) {
    const before = (await api(`/mailboxes/${mailboxId}`)).body;
    const previous = before.sync.lastSyncAt as string | null;
    const uidNext = before.imap
      ? await inboxUidNext(before.imap.username ?? before.fromAddress).catch(() => null)
      : null;
    expect((await api(`/mailboxes/${mailboxId}/sync`, { method: 'POST' })).status).toBe(202);
    await waitUntil(
      'a poll after the last one, past the last message delivered',
      async () => {
        const { sync } = (await api(`/mailboxes/${mailboxId}`)).body;
        if (!sync.lastSyncAt || sync.lastSyncAt === previous) return undefined;
        if (sync.lastError || uidNext === null) return sync;
        const cursor = await readSyncCursor(platform.db, mailboxId);
        return cursor && cursor.lastUid >= uidNext - 1 ? sync : undefined;
      },
      { timeoutMs: 30_000 },
    );
  }

  /** One poll run here, beside the workflow's, with the activity's own dependencies (or another way to signal). */
  const pollHere = (
    mailboxId: string,
    batchSize = 200,
    signalRun: SignalRun = signalRunWith(platform.temporal),
  ): Promise<MailboxSyncResult> =>
    syncMailboxOnce(
      {
        db: platform.db,
        secretKey: loadMessagingSettings().secretKey,
        egress: harnessEgress,
        signalRun,
      },
      { tenantId: tenant.tenantId, mailboxId, batchSize },
    );

  const importsOf = (mailboxId: string) =>
    sql<{ uid: string; kind: string; signalled: boolean; detail: any; message_id: string | null }>(
      `SELECT uid::text, kind, signalled_at IS NOT NULL AS signalled, detail, message_id FROM mailbox_imports
       WHERE mailbox_id = $1 ORDER BY uid`,
      [mailboxId],
    );
  const eventKinds = async (messageId: string) =>
    (await sql<{ kind: string }>(`SELECT kind FROM message_events WHERE message_id = $1 ORDER BY id`, [messageId])).map(
      (row) => row.kind,
    );
  const inboundSignals = async (workflowId: string) => {
    const history = await platform.temporal.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? [])
      .map((event) => event.workflowExecutionSignaledEventAttributes)
      .filter((signal) => signal?.signalName === 'inboundEvent').length;
  };
  const suppression = async (address: string) =>
    (
      await sql<{ reason: string }>(`SELECT reason FROM suppressions WHERE tenant_id = $1 AND address = $2`, [
        tenant.tenantId,
        address.toLowerCase(),
      ])
    )[0]?.reason ?? null;
  const cursorOf = async (mailboxId: string) =>
    Number(
      (
        await sql<{ last_uid: string }>(`SELECT last_uid::text FROM mailbox_sync_cursors WHERE mailbox_id = $1`, [
          mailboxId,
        ])
      )[0]?.last_uid ?? 0,
    );

  /**
   * Ends the mailbox's sync workflow, for a test that polls by itself and needs no poll of the
   * workflow's in between (IMAP IDLE wakes it on every delivery). A change to the mailbox's IMAP
   * settings starts it again.
   */
  async function stopWorkflowSync(mailboxId: string) {
    await platform.temporal.workflow
      .getHandle(mailboxSyncWorkflowId(tenant.tenantId, mailboxId))
      .terminate('the test polls by itself');
  }

  return {
    ...started,
    imap,
    stopWorkflowSync,
    imapSettings,
    api,
    sql,
    connectMailbox,
    enrollAndWait,
    email,
    syncNow,
    pollHere,
    importsOf,
    eventKinds,
    inboundSignals,
    suppression,
    cursorOf,
  };
}
