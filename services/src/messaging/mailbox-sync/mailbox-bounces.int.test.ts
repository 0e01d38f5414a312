import { waitUntil } from '../../../../scripts/services/wait-until';
import { flowOf } from '@cadenza/test-harness/flow-fixtures';
import { deliverToMailbox } from '@cadenza/test-harness/imap-mailbox';
import {
  eximFailed,
  gmailDelayed,
  gmailNoSuchUser,
  microsoft365,
  postfixDelayed,
  postfixDelivered,
  postfixUserUnknown,
} from './delivery-report-samples.test-support';
import { mailboxSyncPlatform } from './mailbox-sync-platform.test-support';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Bounces read from the rep's own mailbox (the harness's Dovecot): a delivery report about an
 * email Cadenza sent suppresses the address, marks the email bounced and tells its run once
 * when it is hard; a soft one is recorded and counted until repeated soft bounces make it hard.
 * No report is ever a reply.
 */
describe('delivery reports in a synced mailbox', () => {
  let t: Awaited<ReturnType<typeof mailboxSyncPlatform>>;
  beforeAll(async () => {
    t = await mailboxSyncPlatform('imap-bounces');
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Mail, wait two days, mail again: a bounce must stop the run before the second email. */
  const mailWaitMail = () =>
    flowOf(
      [
        { id: 'mail', type: 'send_email', settings: { subject: 'First touch', body: '<p>Hi</p>' } },
        { id: 'pause', type: 'wait', settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
        { id: 'again', type: 'send_email', settings: { subject: 'Second touch', body: '<p>Hi again</p>' } },
      ],
      [
        ['start', 'mail'],
        ['mail', 'pause'],
        ['pause', 'again'],
      ],
    );
  const runOf = async (enrollmentId: string) => (await t.api(`/runs/${enrollmentId}`)).body;
  const days = (n: number) => new Date(Date.now() - n * 24 * 3600_000);

  it('a hard bounce (Postfix, 5.1.1) suppresses the address, marks the email bounced and tells the run once', async () => {
    const mailbox = await t.connectMailbox();
    const { contactId, email: lead, run, message, workflowId } = await t.enrollAndWait(mailWaitMail(), 'pause');
    const returned = { from: mailbox.address, to: lead, messageId: message.rfcMessageId, subject: 'First touch' };
    const report = postfixUserUnknown(returned);
    const uid = await deliverToMailbox(mailbox.address, report);
    await t.syncNow(mailbox.id);
    await waitUntil('the bounce signalled', async () => (await t.inboundSignals(workflowId)) === 1, {
      timeoutMs: 30_000,
    });
    const after = (await t.api(`/outbox/${message.id}`)).body;
    expect(after.status).toBe('bounced');
    expect(after.statusReason).toMatch(/^undeliverable \(5\.1\.1: the address does not exist\)/);
    expect(await t.suppression(lead)).toBe('bounced');
    expect(await t.importsOf(mailbox.id)).toEqual([
      {
        uid: String(uid),
        kind: 'bounce',
        signalled: true,
        message_id: message.id,
        detail: { severity: 'hard', status: '5.1.1', shape: 'rfc3464' },
      },
    ]);
    expect(await t.eventKinds(message.id)).toEqual(['bounce']);
    const timeline = (await t.api(`/contacts/${contactId}/timeline`)).body.items as any[];
    expect(
      timeline.filter((entry) => String(entry.summary).startsWith('Email bounced: undeliverable (5.1.1')),
    ).toHaveLength(1);
    expect(timeline.some((entry) => entry.kind === 'email_replied')).toBe(false);
    expect(await t.inboundSignals(workflowId)).toBe(1);

    // The same report copied into the INBOX, Gmail's report of the same email, a lost cursor:
    // the copy is not imported, the second report is recorded without telling the run again.
    await deliverToMailbox(mailbox.address, report);
    const gmail = await deliverToMailbox(mailbox.address, gmailNoSuchUser(returned));
    await t.syncNow(mailbox.id);
    await t.sql(`UPDATE mailbox_sync_cursors SET last_uid = 0 WHERE mailbox_id = $1`, [mailbox.id]);
    await t.syncNow(mailbox.id);
    expect((await t.importsOf(mailbox.id)).map((row) => [Number(row.uid), row.kind, row.signalled])).toEqual([
      [uid, 'bounce', true],
      [gmail, 'bounce', false],
    ]);
    expect(await t.inboundSignals(workflowId)).toBe(1);
    expect(await t.eventKinds(message.id)).toEqual(['bounce', 'bounce']);

    // The run heard `bounce`: its unenroll rules apply when its wait ends, before the second email.
    expect((await t.api(`/runs/${run.enrollmentId}/skip-wait`, { method: 'POST' })).status).toBe(202);
    const ended = await waitUntil(
      'run ended after its wait',
      async () => {
        const found = await runOf(run.enrollmentId);
        return found && found.status !== 'waiting' && found.status !== 'running' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(ended).toMatchObject({ status: 'unenrolled', exitReason: 'bounce' });
    expect(ended.steps.map((step: { nodeId: string }) => step.nodeId)).not.toContain('again');
  });

  it('soft bounces are recorded, not suppressed and not signalled; on a third day they become a hard bounce', async () => {
    const mailbox = await t.connectMailbox();
    const { contactId, email: lead, run, message, workflowId } = await t.enrollAndWait();
    const returned = { from: mailbox.address, to: lead, messageId: message.rfcMessageId };
    const first = await deliverToMailbox(mailbox.address, gmailDelayed(returned), days(2));
    await t.syncNow(mailbox.id);
    expect(await t.importsOf(mailbox.id)).toEqual([
      {
        uid: String(first),
        kind: 'soft_bounce',
        signalled: false,
        message_id: message.id,
        detail: { severity: 'soft', status: '4.4.1', shape: 'rfc3464' },
      },
    ]);
    expect(await t.eventKinds(message.id)).toEqual(['soft_bounce']);
    expect(await t.suppression(lead)).toBeNull();
    expect((await t.api(`/outbox/${message.id}`)).body.status).toBe('sent');
    expect((await runOf(run.enrollmentId)).status).toBe('waiting');
    const timeline = (await t.api(`/contacts/${contactId}/timeline`)).body.items as any[];
    expect(timeline.map((entry) => entry.summary)).toContain(
      'Email not delivered yet (soft bounce): delivery delayed (4.4.1: no answer from the receiving server) - The recipient server did not accept our requests to connect. For more information, go to https://support.google.com/mail/answer/7720 [mx1.example.com. 203.0.113.7: timed out]',
    );

    // A second day's delay warning: still soft. A third day's refusal (5.7.1, the message not the address): hard.
    await deliverToMailbox(mailbox.address, postfixDelayed(returned), days(1));
    await t.syncNow(mailbox.id);
    expect(await t.suppression(lead)).toBeNull();
    expect((await runOf(run.enrollmentId)).status).toBe('waiting');
    await deliverToMailbox(mailbox.address, microsoft365(returned, true));
    await t.syncNow(mailbox.id);
    await waitUntil('the bounce signalled', async () => (await t.inboundSignals(workflowId)) === 1, {
      timeoutMs: 30_000,
    });
    expect((await t.importsOf(mailbox.id)).map((row) => [row.kind, row.detail.status, row.detail.escalated])).toEqual([
      ['soft_bounce', '4.4.1', undefined],
      ['soft_bounce', '4.4.1', undefined],
      ['bounce', '5.7.1', true],
    ]);
    expect(await t.suppression(lead)).toBe('bounced');
    expect((await t.api(`/outbox/${message.id}`)).body.statusReason).toMatch(/^soft bounces on 3 days: /);
    expect(await t.eventKinds(message.id)).toEqual(['soft_bounce', 'soft_bounce', 'soft_bounce', 'bounce']);
    expect(await t.inboundSignals(workflowId)).toBe(1);
  });

  it('a success report in between settles earlier soft bounces', async () => {
    const mailbox = await t.connectMailbox();
    const { email: lead, run, message } = await t.enrollAndWait();
    const returned = { from: mailbox.address, to: lead, messageId: message.rfcMessageId };
    await deliverToMailbox(mailbox.address, postfixDelayed(returned), days(3));
    await deliverToMailbox(mailbox.address, postfixDelayed(returned), days(2));
    await deliverToMailbox(mailbox.address, postfixDelivered(returned), days(2));
    await deliverToMailbox(mailbox.address, postfixDelayed(returned), days(1));
    await deliverToMailbox(mailbox.address, gmailDelayed(returned));
    await t.syncNow(mailbox.id);
    expect((await t.importsOf(mailbox.id)).map((row) => row.kind)).toEqual([
      'soft_bounce',
      'soft_bounce',
      'delivery_report',
      'soft_bounce',
      'soft_bounce',
    ]);
    expect(await t.suppression(lead)).toBeNull();
    expect((await runOf(run.enrollmentId)).status).toBe('waiting');
  });

  it('a bounce recorded by a poll that died before signalling is signalled as a bounce by the next poll, once', async () => {
    const mailbox = await t.connectMailbox();
    const { email: lead, run, message, workflowId } = await t.enrollAndWait(mailWaitMail(), 'pause');
    await deliverToMailbox(
      mailbox.address,
      eximFailed({ from: mailbox.address, to: lead, messageId: message.rfcMessageId, subject: 'First touch' }),
    );
    const dying = t.pollHere(mailbox.id, 200, async () => {
      throw new Error('worker killed');
    });
    await expect(dying).rejects.toThrow('worker killed');
    expect((await t.importsOf(mailbox.id)).map((row) => [row.kind, row.signalled])).toEqual([['bounce', false]]);
    expect(await t.suppression(lead)).toBe('bounced');
    expect(await t.inboundSignals(workflowId)).toBe(0);

    await t.syncNow(mailbox.id);
    await t.syncNow(mailbox.id);
    expect((await t.importsOf(mailbox.id)).map((row) => [row.kind, row.signalled])).toEqual([['bounce', true]]);
    expect(await t.inboundSignals(workflowId)).toBe(1);
    expect((await t.api(`/runs/${run.enrollmentId}/skip-wait`, { method: 'POST' })).status).toBe(202);
    const ended = await waitUntil(
      'run ended after its wait',
      async () => {
        const found = await runOf(run.enrollmentId);
        return found && found.status !== 'waiting' && found.status !== 'running' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(ended).toMatchObject({ status: 'unenrolled', exitReason: 'bounce' });
  });

  it('a report about mail Cadenza did not send is left alone, and a report quoting no Message-ID is matched by its recipient', async () => {
    const mailbox = await t.connectMailbox();
    const { email: lead, message, workflowId } = await t.enrollAndWait();
    // The rep's own email to a friend bounced: not ours, not a reply, not imported.
    await deliverToMailbox(
      mailbox.address,
      postfixUserUnknown({ from: mailbox.address, to: 'old-friend@example.org', messageId: 'personal-1@acme.test' }),
    );
    // Microsoft 365's report with the Message-ID lines removed: matched by Final-Recipient to the email we sent.
    const anonymous = microsoft365({ from: mailbox.address, to: lead, messageId: message.rfcMessageId })
      .split('\r\n')
      .filter((line) => !/^(Message-ID|In-Reply-To|References):/i.test(line) && !line.includes(message.rfcMessageId))
      .join('\r\n');
    const matched = await deliverToMailbox(mailbox.address, anonymous);
    await t.syncNow(mailbox.id);
    expect((await t.importsOf(mailbox.id)).map((row) => [Number(row.uid), row.kind, row.message_id])).toEqual([
      [matched, 'bounce', message.id],
    ]);
    expect(await t.suppression('old-friend@example.org')).toBeNull();
    expect(await t.suppression(lead)).toBe('bounced');
    await waitUntil('the bounce signalled', async () => (await t.inboundSignals(workflowId)) === 1, {
      timeoutMs: 30_000,
    });
  });
});
