import { randomUUID } from 'node:crypto';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { deliverToMailbox } from '@cadenza/test-harness/imap-mailbox';
import { loadMessagingSettings } from '../messaging-settings';
import { signalRunWith } from '../signal-run';
import { syncMailboxOnce } from './sync-mailbox';
import nodemailer from 'nodemailer';
import { startSmtpSink, type SmtpSink } from '../smtp-sink';
import { imapDelivery } from './imap-delivery';
import { mailboxSyncPlatform } from './mailbox-sync-platform.test-support';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Replies read from a real IMAP server (the harness's Dovecot), with no SendGrid in the path: a
 * mailbox with IMAP settings starts its sync workflow; the contact's reply, delivered into the
 * rep's INBOX with In-Reply-To naming the Message-ID Cadenza sent, moves the run through its reply
 * branch once, however often the INBOX is read again. Auto-replies, forged thread headers and the
 * rep's other mail do not count as replies.
 */
describe('mailbox sync over IMAP', () => {
  type Platform = Awaited<ReturnType<typeof mailboxSyncPlatform>>;
  let platform: Platform['platform'];
  let tenant: Platform['tenant'];
  let api: Platform['api'];
  let sql: Platform['sql'];
  let imap: Platform['imap'];
  let connectMailbox: Platform['connectMailbox'];
  let enrollAndWait: Platform['enrollAndWait'];
  let email: Platform['email'];
  let syncNow: Platform['syncNow'];
  let importsOf: Platform['importsOf'];
  let eventKinds: Platform['eventKinds'];
  let inboundSignals: Platform['inboundSignals'];
  let stop: Platform['stop'];
  /** The contacts' side: an SMTP server that delivers into the local IMAP mailboxes, as the launcher's sink does. */
  let contactsSmtp: SmtpSink;

  beforeAll(async () => {
    ({
      platform,
      tenant,
      api,
      sql,
      imap,
      connectMailbox,
      enrollAndWait,
      email,
      syncNow,
      importsOf,
      eventKinds,
      inboundSignals,
      stop,
    } = await mailboxSyncPlatform('imap-sync'));
    contactsSmtp = await startSmtpSink({ db: platform.db, port: 0, deliver: imapDelivery(imap) });
  });
  afterAll(async () => {
    await contactsSmtp?.close();
    await stop?.();
  });

  /** Sends an email by SMTP, as the contact's mail client would. */
  async function sendBySmtp(from: string, to: string, raw: string) {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: contactsSmtp.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({ envelope: { from, to: [to] }, raw });
    } finally {
      transport.close();
    }
  }

  /** The imports as the assertions read them: UID, kind and whether the run was told. */
  const importRows = async (mailboxId: string) =>
    (await importsOf(mailboxId)).map(({ uid, kind, signalled }) => ({ uid, kind, signalled }));

  it('a reply delivered by IMAP moves the run through its reply branch exactly once; the rest is not a reply', async () => {
    const mailbox = await connectMailbox();
    const { contactId, email: lead, run, message, workflowId } = await enrollAndWait();
    const sent = `<${message.rfcMessageId}>`;
    expect(message.from).toContain(mailbox.address);

    // The rep's own mail, an out-of-office, a forged thread reply, then the contact's answer.
    const unrelated = await deliverToMailbox(
      mailbox.address,
      email(
        {
          From: 'friend@example.org',
          To: mailbox.address,
          Subject: 'Lunch?',
          'Message-ID': `<${randomUUID()}@example.org>`,
        },
        'Lunch on Friday?',
      ),
    );
    const autoReply = await deliverToMailbox(
      mailbox.address,
      email(
        {
          From: lead,
          To: mailbox.address,
          Subject: 'Automatic reply: Quick question',
          'Auto-Submitted': 'auto-replied',
          'In-Reply-To': sent,
          'Message-ID': `<${randomUUID()}@example.com>`,
        },
        'I am out of the office until Monday.',
      ),
    );
    const forged = await deliverToMailbox(
      mailbox.address,
      email(
        {
          From: 'mallory@evil.test',
          To: mailbox.address,
          Subject: 'Re: Quick question',
          'In-Reply-To': sent,
          'Message-ID': `<${randomUUID()}@evil.test>`,
        },
        'Please remove them from your list.',
      ),
    );
    // The contact's answer goes by SMTP, and the SMTP server delivers it into the rep's INBOX.
    await sendBySmtp(
      lead,
      mailbox.address,
      email(
        {
          From: `Lead <${lead}>`,
          To: mailbox.address,
          Subject: 'Re: Quick question',
          'In-Reply-To': sent,
          References: sent,
          'Message-ID': `<${randomUUID()}@example.com>`,
        },
        'Yes, let us talk on Tuesday.\r\n\r\n> Hi',
      ),
    );
    const reply = forged + 1;
    await syncNow(mailbox.id);

    const ended = await waitUntil(
      'run after the reply',
      async () => {
        const found = (await api(`/runs/${run.enrollmentId}`)).body;
        return found?.status === 'completed' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(ended.steps.map((step: { nodeId: string; output: string }) => [step.nodeId, step.output])).toEqual(
      expect.arrayContaining([
        ['await', 'next'],
        ['replied', 'next'],
      ]),
    );
    expect((await api(`/outbox/${message.id}`)).body.status).toBe('replied');
    expect(await importRows(mailbox.id)).toEqual([
      // The automatic reply reaches the run as an auto_reply (reply triage reads it), never as a reply.
      { uid: String(autoReply), kind: 'auto_reply', signalled: true },
      { uid: String(forged), kind: 'foreign_sender', signalled: false },
      { uid: String(reply), kind: 'reply', signalled: true },
    ]);
    expect((await importsOf(mailbox.id)).map((row) => row.uid)).not.toContain(String(unrelated));
    expect(await eventKinds(message.id)).toEqual(['auto_reply', 'reply']);
    const timeline = (await api(`/contacts/${contactId}/timeline`)).body.items as any[];
    expect(timeline.filter((entry) => entry.kind === 'email_replied')).toHaveLength(1);
    expect(timeline.find((entry) => entry.kind === 'email_replied').summary).toContain('Yes, let us talk on Tuesday.');
    expect(timeline.some((entry) => String(entry.summary).startsWith('Automatic reply (out of office)'))).toBe(true);
    expect(await inboundSignals(workflowId)).toBe(2);

    // Read again, and read again from the first UID (a lost cursor): nothing is imported or signalled twice.
    await syncNow(mailbox.id);
    await sql(`UPDATE mailbox_sync_cursors SET last_uid = 0 WHERE mailbox_id = $1`, [mailbox.id]);
    await syncNow(mailbox.id);
    expect((await importsOf(mailbox.id)).map((row) => row.kind)).toEqual(['auto_reply', 'foreign_sender', 'reply']);
    expect(await eventKinds(message.id)).toEqual(['auto_reply', 'reply']);
    expect(await inboundSignals(workflowId)).toBe(2);
    const cursor = await sql<{ last_uid: string }>(
      `SELECT last_uid::text FROM mailbox_sync_cursors WHERE mailbox_id = $1`,
      [mailbox.id],
    );
    expect(cursor[0]!.last_uid).toBe(String(reply));
  });

  it('a reply recorded by a poll that died before signalling is signalled once by the next poll', async () => {
    const mailbox = await connectMailbox();
    const { email: lead, run, message, workflowId } = await enrollAndWait();
    await deliverToMailbox(
      mailbox.address,
      email(
        {
          From: lead,
          To: mailbox.address,
          Subject: 'Re: Quick question',
          'In-Reply-To': `<${message.rfcMessageId}>`,
          'Message-ID': `<${randomUUID()}@example.com>`,
        },
        'Sounds good.',
      ),
    );
    // A poll of its own, between the workflow's polls, whose worker dies right after the commit.
    const dying = syncMailboxOnce(
      {
        db: platform.db,
        secretKey: loadMessagingSettings().secretKey,
        egress: harnessEgress,
        signalRun: async () => {
          throw new Error('worker killed');
        },
      },
      { tenantId: tenant.tenantId, mailboxId: mailbox.id, batchSize: 200 },
    );
    await expect(dying).rejects.toThrow('worker killed');
    expect((await importsOf(mailbox.id)).map((row) => [row.kind, row.signalled])).toEqual([['reply', false]]);
    expect((await api(`/runs/${run.enrollmentId}`)).body.status).toBe('waiting');

    // The sync workflow's next poll tells the run, once; the one after has nothing left to tell.
    await syncNow(mailbox.id);
    await waitUntil(
      'run after the reply',
      async () => (await api(`/runs/${run.enrollmentId}`)).body?.status === 'completed',
      { timeoutMs: 30_000 },
    );
    await syncNow(mailbox.id);
    expect((await importsOf(mailbox.id)).map((row) => [row.kind, row.signalled])).toEqual([['reply', true]]);
    expect(await inboundSignals(workflowId)).toBe(1);
    expect(await eventKinds(message.id)).toEqual(['reply']);
    // The same signal path the activity uses, for a run that has ended: nothing to tell, no error.
    await expect(signalRunWith(platform.temporal)(workflowId, { kind: 'reply' })).resolves.toBeUndefined();
  });

  it("a new email from the contact, without thread headers, is the reply; the contact's older mail is not", async () => {
    const mailbox = await connectMailbox();
    const { email: lead, run, message } = await enrollAndWait();
    const newEmail = (subject: string, body: string) =>
      email({ From: lead, To: mailbox.address, Subject: subject, 'Message-ID': `<${randomUUID()}@example.com>` }, body);
    const lastYear = new Date(Date.now() - 365 * 24 * 3600 * 1000);
    const older = await deliverToMailbox(mailbox.address, newEmail('Invoice', 'Here is the invoice.'), lastYear);
    await syncNow(mailbox.id);
    expect(await importRows(mailbox.id)).toEqual([]);
    expect((await api(`/runs/${run.enrollmentId}`)).body.status).toBe('waiting');

    const fresh = await deliverToMailbox(mailbox.address, newEmail('Your email', 'Call me tomorrow.'));
    await syncNow(mailbox.id);
    await waitUntil(
      'run after the reply',
      async () => (await api(`/runs/${run.enrollmentId}`)).body?.status === 'completed',
      { timeoutMs: 30_000 },
    );
    expect(await importRows(mailbox.id)).toEqual([{ uid: String(fresh), kind: 'reply', signalled: true }]);
    expect(fresh).toBeGreaterThan(older);
    expect(await eventKinds(message.id)).toEqual(['reply']);
  });

  it('a refused IMAP password is the mailbox state, and fixing it resumes the sync', async () => {
    const mailbox = await connectMailbox();
    const changed = await api(`/mailboxes/${mailbox.id}`, {
      method: 'PATCH',
      body: { imap: { host: imap.host, port: imap.port, secure: false, username: mailbox.address, password: 'wrong' } },
    });
    expect(changed.status).toBe(200);
    const failed = await waitUntil(
      'the refusal on the mailbox',
      async () => {
        const { sync } = (await api(`/mailboxes/${mailbox.id}`)).body;
        return sync.authFailedAt ? sync : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(failed.lastError).toBe(`IMAP ${imap.host}:${imap.port}: the server refused the user name or password`);
    await api(`/mailboxes/${mailbox.id}`, {
      method: 'PATCH',
      body: {
        imap: { host: imap.host, port: imap.port, secure: false, username: mailbox.address, password: imap.password },
      },
    });
    await syncNow(mailbox.id);
    expect((await api(`/mailboxes/${mailbox.id}`)).body.sync).toMatchObject({ lastError: null, authFailedAt: null });
  });
});
