import { randomUUID } from 'node:crypto';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { deliverToMailbox } from '@cadenza/test-harness/imap-mailbox';
import { MAX_IMPORT_ATTEMPTS } from './import-guard';
import { MAX_SOURCE_BYTES } from './inbound-content';
import { mailboxSyncPlatform } from './mailbox-sync-platform.test-support';

/**
 * What a real mailbox holds besides clean replies, read from the harness's Dovecot: broken
 * MIME, charsets nobody knows, NUL bytes, a 25 MB message, our own mail coming back,
 * auto-responders answering each other, one Message-ID on two emails, a message that cannot
 * be stored at all, and a password changed half-way through reading a mailbox. None of it
 * stops the poll for good or counts as a reply it is not.
 */
describe('bad input in a synced mailbox', () => {
  let t: Awaited<ReturnType<typeof mailboxSyncPlatform>>;
  beforeAll(async () => {
    t = await mailboxSyncPlatform('imap-bad-input');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const runOf = async (enrollmentId: string) => (await t.api(`/runs/${enrollmentId}`)).body;
  const replyTexts = async (messageId: string) =>
    (
      await t.sql<{ text: string }>(
        `SELECT data->>'text' AS text FROM message_events WHERE message_id = $1 AND kind = 'reply' ORDER BY id`,
        [messageId],
      )
    ).map((row) => row.text);

  it('broken MIME, unknown charsets, NUL bytes and a 25 MB message are read as far as they can be; the poll goes on', async () => {
    const mailbox = await t.connectMailbox();
    const { email: lead, run, message } = await t.enrollAndWait();
    const thread = { From: lead, To: mailbox.address, 'In-Reply-To': `<${message.rfcMessageId}>` };
    const id = () => `<${randomUUID()}@example.com>`;
    // A multipart whose parts use another boundary than the one declared.
    const brokenBoundary = [
      ...Object.entries({ ...thread, Subject: 'Re: Quick question', 'Message-ID': id() }).map(([k, v]) => `${k}: ${v}`),
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="declared"',
      '',
      '--actual',
      'Content-Type: text/plain',
      '',
      'Broken boundary, but yes please.',
      '--actual--',
      '',
    ].join('\r\n');
    // No Message-ID, no Subject, no Date, no MIME headers at all.
    const bare = `From: ${lead}\r\nIn-Reply-To: <${message.rfcMessageId}>\r\n\r\nBare reply.\r\n`;
    // A charset nobody knows, a subject in another, and UTF-16 that decodes to a lone surrogate and NUL.
    const unknownCharset = t.email(
      {
        ...thread,
        Subject: '=?x-klingon?B?SGVsbG8=?= =?utf-8?B?/w==?=',
        'Message-ID': id(),
        'Content-Type': 'text/plain; charset=x-klingon-42',
      },
      'Qapla\u0000 from an unknown charset.',
    );
    const utf16 = t.email(
      {
        ...thread,
        Subject: 'Re: Quick question',
        'Message-ID': id(),
        'Content-Type': 'text/plain; charset=utf-16le',
        'Content-Transfer-Encoding': 'base64',
      },
      Buffer.from([0x00, 0xd8, 0x4f, 0x00, 0x4b, 0x00, 0x00, 0x00]).toString('base64'),
    );
    // 25 MB: a line of text, then an attachment far larger than what is ever downloaded.
    const attachmentLine = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n';
    const huge = [
      ...Object.entries({ ...thread, Subject: 'Re: Quick question', 'Message-ID': id() }).map(([k, v]) => `${k}: ${v}`),
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="big"',
      '',
      '--big',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The deck is attached, see below.',
      '--big',
      'Content-Type: application/octet-stream; name="deck.bin"',
      'Content-Disposition: attachment; filename="deck.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      attachmentLine.repeat(Math.ceil((25 * 1024 * 1024) / attachmentLine.length)),
      '--big--',
      '',
    ].join('\r\n');
    expect(huge.length).toBeGreaterThan(25 * 1024 * 1024);
    expect(huge.length).toBeGreaterThan(10 * MAX_SOURCE_BYTES);
    const after = t.email({ ...thread, Subject: 'Re: Quick question', 'Message-ID': id() }, 'And one more thing.');
    const uids: number[] = [];
    for (const raw of [brokenBoundary, bare, unknownCharset, utf16, huge, after])
      uids.push(await deliverToMailbox(mailbox.address, raw));
    await t.syncNow(mailbox.id);

    expect((await t.importsOf(mailbox.id)).map((row) => [Number(row.uid), row.kind])).toEqual(
      uids.map((uid) => [uid, 'reply']),
    );
    const finalRun = await waitUntil(
      'run after the first reply',
      async () => {
        const found = await runOf(run.enrollmentId);
        return found && found.status !== 'waiting' && found.status !== 'running' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // The first reply ends the wait; the ones after it unenroll the run if it has not finished already.
    expect(['completed', 'unenrolled']).toContain(finalRun.status);
    expect([null, 'reply']).toContain(finalRun.exitReason);
    const texts = await replyTexts(message.id);
    expect(texts[0]).toContain('Broken boundary, but yes please.');
    expect(texts[1]).toContain('Bare reply.');
    expect(texts[2]).toMatch(/^Qapla\uFFFD? from an unknown charset\./);
    expect(texts.join('')).not.toContain('\u0000');
    expect(texts[3]).toBe('\uFFFDOK');
    expect(texts[4]).toContain('The deck is attached, see below.');
    expect(texts[4]).not.toContain('QUJDREVGR0hJSktMTU5P');
    expect(texts[5]).toContain('And one more thing.');
    expect(await t.cursorOf(mailbox.id)).toBe(uids.at(-1));
    expect((await t.api(`/mailboxes/${mailbox.id}`)).body.sync.lastError).toBeNull();
  });

  it('our own email coming back, the rep writing into the thread and auto-responders answering each other are loops, not replies', async () => {
    const mailbox = await t.connectMailbox();
    const { email: lead, run, message, workflowId } = await t.enrollAndWait();
    const { raw } = (await t.sql<{ raw: string }>(`SELECT raw FROM messages WHERE id = $1`, [message.id]))[0]!;
    const ownBack = await deliverToMailbox(mailbox.address, raw);
    const fromRep = await deliverToMailbox(
      mailbox.address,
      t.email(
        {
          From: mailbox.address,
          To: lead,
          Subject: 'Re: Quick question',
          'In-Reply-To': `<${message.rfcMessageId}>`,
          'Message-ID': `<${randomUUID()}@acme.test>`,
        },
        'Following up on my own email.',
      ),
    );
    const autoReplies: number[] = [];
    for (let i = 0; i < 4; i += 1)
      autoReplies.push(
        await deliverToMailbox(
          mailbox.address,
          t.email(
            {
              From: lead,
              To: mailbox.address,
              Subject: 'Automatic reply: Quick question',
              'Auto-Submitted': 'auto-replied',
              'In-Reply-To': `<${message.rfcMessageId}>`,
              'Message-ID': `<${randomUUID()}@example.com>`,
            },
            `I am out of the office (${i}).`,
          ),
        ),
      );
    await t.syncNow(mailbox.id);
    expect((await t.importsOf(mailbox.id)).map((row) => [Number(row.uid), row.kind, row.detail])).toEqual([
      [ownBack, 'loop', { cause: 'own_message' }],
      [fromRep, 'loop', { cause: 'own_address' }],
      [autoReplies[0], 'auto_reply', null],
      [autoReplies[1], 'auto_reply', null],
      [autoReplies[2], 'auto_reply', null],
      [autoReplies[3], 'loop', { cause: 'auto_reply_ping_pong' }],
    ]);
    expect(await t.eventKinds(message.id)).toEqual(['auto_reply', 'auto_reply', 'auto_reply']);
    // The automatic replies reach the run (it reads them: an out-of-office pauses it), the loops
    // do not; none is the contact answering, so the run never takes its reply branch.
    expect(await t.inboundSignals(workflowId)).toBe(3);
    const after = await runOf(run.enrollmentId);
    expect(['waiting', 'paused']).toContain(after.status);
    expect(after.steps.map((step: { nodeId: string }) => step.nodeId)).not.toContain('replied');
  });

  it('one email copied twice is imported once; two different emails under one Message-ID are both imported', async () => {
    const mailbox = await t.connectMailbox();
    const { email: lead, message } = await t.enrollAndWait();
    const shared = `<${randomUUID()}@example.com>`;
    const reply = (body: string) =>
      t.email(
        {
          From: lead,
          To: mailbox.address,
          Subject: 'Re: Quick question',
          'In-Reply-To': `<${message.rfcMessageId}>`,
          'Message-ID': shared,
          Date: 'Tue, 02 Dec 2025 10:00:00 +0000',
        },
        body,
      );
    const first = await deliverToMailbox(mailbox.address, reply('Tuesday works.'));
    await deliverToMailbox(mailbox.address, reply('Tuesday works.'));
    // The same email delivered again by a server that timed out after DATA: new trace headers, same email.
    await deliverToMailbox(
      mailbox.address,
      `Received: from mx.example.com by mail.acme.test; Tue, 02 Dec 2025 10:05:00 +0000\r\n${reply('Tuesday works.')}`,
    );
    const different = await deliverToMailbox(mailbox.address, reply('Actually, Wednesday.'));
    await t.syncNow(mailbox.id);
    expect((await t.importsOf(mailbox.id)).map((row) => [Number(row.uid), row.kind])).toEqual([
      [first, 'reply'],
      [different, 'reply'],
    ]);
    expect(await replyTexts(message.id)).toEqual(['Tuesday works.\n', 'Actually, Wednesday.\n']);
  });

  it('a message that cannot be stored is retried, then recorded as unreadable and skipped; the next one is imported', async () => {
    const mailbox = await t.connectMailbox();
    const { email: lead, run, message } = await t.enrollAndWait();
    const poison = `${randomUUID()}@example.com`;
    // A real failure of the import's own transaction: the database refuses this one row.
    const trigger = `poison_${poison.slice(0, 8)}`;
    await t.sql(
      `CREATE FUNCTION ${trigger}() RETURNS trigger AS $$ BEGIN
         IF NEW.rfc_message_id = '${poison}' THEN RAISE EXCEPTION 'cannot store this message'; END IF;
         RETURN NEW; END $$ LANGUAGE plpgsql`,
      [],
    );
    await t.sql(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON mailbox_imports FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
      [],
    );
    try {
      const thread = {
        From: lead,
        To: mailbox.address,
        Subject: 'Re: Quick question',
        'In-Reply-To': `<${message.rfcMessageId}>`,
      };
      const bad = await deliverToMailbox(
        mailbox.address,
        t.email({ ...thread, 'Message-ID': `<${poison}>` }, 'Poison.'),
      );
      const good = await deliverToMailbox(
        mailbox.address,
        t.email({ ...thread, 'Message-ID': `<${randomUUID()}@example.com>` }, 'Yes, Tuesday.'),
      );
      // Polls of our own beside the workflow's (whose activity retries too): each fails on the poison until it is skipped.
      const outcomes: string[] = [];
      for (let i = 0; i < MAX_IMPORT_ATTEMPTS + 2; i += 1) {
        const polled = await t.pollHere(mailbox.id).then(
          (result) => result.status,
          (error: Error) => error.message,
        );
        outcomes.push(polled);
        if (polled === 'synced') break;
      }
      expect(outcomes.at(-1)).toBe('synced');
      expect(outcomes.slice(0, -1).every((outcome) => /cannot store this message/.test(outcome))).toBe(true);
      const imports = await t.importsOf(mailbox.id);
      expect(imports.map((row) => [Number(row.uid), row.kind])).toEqual([
        [bad, 'unreadable'],
        [good, 'reply'],
      ]);
      expect(imports[0]!.detail.attempts).toBeGreaterThanOrEqual(MAX_IMPORT_ATTEMPTS);
      expect(imports[0]!.detail.error).toMatch(/cannot store this message/);
      await waitUntil('run after the good reply', async () => (await runOf(run.enrollmentId))?.status === 'completed', {
        timeoutMs: 30_000,
      });
      expect(await t.cursorOf(mailbox.id)).toBe(good);
    } finally {
      await t.sql(`DROP TRIGGER ${trigger} ON mailbox_imports`, []);
      await t.sql(`DROP FUNCTION ${trigger}()`, []);
    }
  });

  it('a password changed half-way through a mailbox: auth_failed with the cursor kept, then resumed with nothing lost or doubled', async () => {
    const mailbox = await t.connectMailbox();
    const { message } = await t.enrollAndWait();
    // This test polls by itself, two messages at a time: the workflow's IDLE would read them all at once.
    await t.stopWorkflowSync(mailbox.id);
    // Five emails in our thread from a colleague: each one is an import, none tells a run.
    const uids: number[] = [];
    for (let i = 0; i < 5; i += 1)
      uids.push(
        await deliverToMailbox(
          mailbox.address,
          t.email(
            {
              From: 'colleague@acme.test',
              To: mailbox.address,
              Subject: 'Re: Quick question',
              'In-Reply-To': `<${message.rfcMessageId}>`,
              'Message-ID': `<${randomUUID()}@acme.test>`,
            },
            `Note ${i}.`,
          ),
        ),
      );
    expect(await t.pollHere(mailbox.id, 2)).toEqual({ status: 'synced', imported: 2, more: true });
    expect(await t.cursorOf(mailbox.id)).toBe(uids[1]);

    const wrong = await t.api(`/mailboxes/${mailbox.id}`, {
      method: 'PATCH',
      body: { imap: t.imapSettings(mailbox.address, 'changed-elsewhere') },
    });
    expect(wrong.status).toBe(200);
    expect(await t.pollHere(mailbox.id, 2)).toMatchObject({ status: 'auth_failed' });
    const failed = (await t.api(`/mailboxes/${mailbox.id}`)).body.sync;
    expect(failed.authFailedAt).not.toBeNull();
    expect(await t.cursorOf(mailbox.id)).toBe(uids[1]);

    await t.api(`/mailboxes/${mailbox.id}`, { method: 'PATCH', body: { imap: t.imapSettings(mailbox.address) } });
    // Whoever polls next (the workflow, woken by the change, or this test) resumes after the cursor.
    await waitUntil(
      'the rest imported',
      async () => {
        await t.pollHere(mailbox.id, 2);
        return (await t.cursorOf(mailbox.id)) === uids.at(-1);
      },
      { timeoutMs: 30_000 },
    );
    expect((await t.importsOf(mailbox.id)).map((row) => [Number(row.uid), row.kind])).toEqual(
      uids.map((uid) => [uid, 'foreign_sender']),
    );
    expect((await t.api(`/mailboxes/${mailbox.id}`)).body.sync).toMatchObject({ lastError: null, authFailedAt: null });
  });
});
