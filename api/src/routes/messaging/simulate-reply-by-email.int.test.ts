import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Principal } from '@cadenza/core';
import { headerOf } from '@cadenza/services/messaging';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { type TestPlatform } from '@cadenza/test-harness/integration';
import { newContact } from '@cadenza/test-harness/flow-fixtures';
import { testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { mailThenAwaitReply, startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * "Simulate reply" takes the real path when the email's mailbox listens: the reply is emailed
 * by SMTP through the sink, lands in the rep's INBOX on the local IMAP server, and the mailbox
 * sync matches it and moves the run; no shortcut into the reply intake.
 */
describe('a simulated reply to a listening mailbox goes by email', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;
  const imap = testImapServer();

  beforeAll(async () => {
    allowEgressTo(imap.port);
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('simulate-reply', {}, { deliverToImap: true }));
  });
  afterAll(async () => {
    await stop?.();
  });

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  /** The rep's INBOX as the rep's mail client would list it. */
  async function inboxOf(address: string): Promise<Array<{ from: string; subject: string; inReplyTo: string | null }>> {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user: address, pass: imap.password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const found = [];
      for await (const message of client.fetch('1:*', { envelope: true, source: true })) {
        const raw = message.source?.toString('utf8') ?? '';
        found.push({
          from: message.envelope?.from?.[0]?.address ?? '',
          subject: message.envelope?.subject ?? '',
          inReplyTo: headerOf(raw, 'In-Reply-To'),
        });
      }
      return found;
    } finally {
      await client.logout();
    }
  }

  /** A listening mailbox, a published flow that emails and waits for a reply, a lead enrolled: the run waits. */
  async function runWaitingForReply() {
    const address = `rep-${randomUUID()}@acme.test`;
    const mailbox = await api('/mailboxes', {
      method: 'POST',
      body: {
        kind: 'smtp',
        name: 'Rep',
        fromAddress: address,
        host: '127.0.0.1',
        port: Number(process.env.SMTP_SINK_PORT),
        isDefault: true,
        perMinuteLimit: 1000,
        imap: { host: imap.host, port: imap.port, secure: false, username: address, password: imap.password },
      },
    });
    expect(mailbox.status).toBe(201);
    const flow = await api('/flows', {
      method: 'POST',
      body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft: mailThenAwaitReply() },
    });
    expect((await api(`/flows/${flow.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    const lead = `lead-${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { email: lead });
    await api(`/flows/${flow.body.id}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const run = await waitUntil(
      'run waiting for the reply',
      async () => {
        const found = (await api(`/runs?flowId=${flow.body.id}&contactId=${contactId}`)).body.items[0];
        return found?.status === 'waiting' && found.currentNodeId === 'await' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const [message] = (await api(`/outbox?contactId=${contactId}`)).body.items;
    expect(message.from).toContain(address);

    return { address, mailbox, lead, contactId, run, message };
  }

  it('emails the reply to the mailbox, whose sync moves the run through its reply branch once', async () => {
    const { address, mailbox, lead, contactId, run, message } = await runWaitingForReply();

    const reply = await api(`/outbox/${message.id}/reply`, { method: 'POST', body: { text: 'Tuesday works for me.' } });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ replyPath: 'mailbox', replyTo: address });

    const ended = await waitUntil(
      'run after the reply',
      async () => {
        const found = (await api(`/runs/${run.enrollmentId}`)).body;
        return found?.status === 'completed' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(ended.steps.map((step: any) => [step.nodeId, step.output])).toEqual(
      expect.arrayContaining([
        ['await', 'next'],
        ['replied', 'next'],
      ]),
    );
    // It went the real way: in the rep's INBOX as an answer to the sent email, imported by the sync.
    expect(await inboxOf(address)).toEqual([
      { from: lead, subject: `Re: ${message.subject}`, inReplyTo: `<${message.rfcMessageId}>` },
    ]);
    const imports = (await platform.db.query(
      `SELECT kind, signalled_at IS NOT NULL AS signalled FROM mailbox_imports WHERE mailbox_id = $1`,
      [mailbox.body.id],
    )) as Array<{ kind: string; signalled: boolean }>;
    expect(imports).toEqual([{ kind: 'reply', signalled: true }]);
    expect((await api(`/outbox/${message.id}`)).body.status).toBe('replied');
    const timeline = (await api(`/contacts/${contactId}/timeline`)).body.items as any[];
    expect(timeline.filter((entry) => entry.kind === 'email_replied')).toHaveLength(1);
  });
  it('emails an automatic reply as a responder does; the sync imports it as automatic, not as the contact answering', async () => {
    const { mailbox, run, message } = await runWaitingForReply();
    const reply = await api(`/outbox/${message.id}/reply`, {
      method: 'POST',
      body: { text: 'I am out of the office until Monday.', automatic: true },
    });
    expect(reply.status).toBe(202);
    const imports = await waitUntil(
      'the automatic reply imported',
      async () => {
        const rows = (await platform.db.query(`SELECT kind FROM mailbox_imports WHERE mailbox_id = $1`, [
          mailbox.body.id,
        ])) as Array<{ kind: string }>;
        return rows.length > 0 ? rows : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(imports).toEqual([{ kind: 'auto_reply' }]);
    // The contact did not answer: the run did not take its reply branch.
    const after = (await api(`/runs/${run.enrollmentId}`)).body;
    expect(after.steps.map((step: any) => step.nodeId)).not.toContain('replied');
    expect((await api(`/outbox/${message.id}`)).body.status).not.toBe('replied');
  });
});
