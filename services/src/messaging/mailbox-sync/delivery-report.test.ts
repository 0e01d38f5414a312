import {
  isDaemonSender,
  judgeRecipient,
  judgeReport,
  mayBeDeliveryReport,
  parseDeliveryReport,
  preciseStatus,
} from './delivery-report';
import {
  eximFailed,
  eximPlainText,
  gmailDelayed,
  gmailNoSuchUser,
  microsoft365,
  postfixDelayed,
  postfixDelivered,
  postfixUserUnknown,
  postmasterReturnedHeaders,
  qmailFailure,
} from './delivery-report-samples.test-support';
import { splitHeaders } from './mime-parts';
import { parseHeaderBlock } from './parse-inbound';

const email = {
  from: 'rep@acme.test',
  to: 'Nobody@Example.com',
  messageId: 'k3JvbW1hbmQtc2VudC0x@acme.test',
  subject: 'Quick question',
};

/** What the sync sees before downloading: envelope sender, subject and the deciding headers. */
function envelopeOf(raw: string) {
  const headers = parseHeaderBlock(splitHeaders(raw).headerBlock);
  const from = /[^\s<>"]+@[^\s<>"]+/.exec(headers.get('from') ?? '')?.[0] ?? null;
  return { from, subject: headers.get('subject') ?? null, headers };
}

describe('parseDeliveryReport on the shapes mail servers send', () => {
  it.each([
    ['Postfix', postfixUserUnknown, '5.1.1', ['Nobody@Example.com']],
    ['Exim (Status 5.0.0, the code in the diagnostic)', eximFailed, '5.1.1', ['Nobody@Example.com']],
    ['Gmail', gmailNoSuchUser, '5.1.1', ['Nobody@Example.com']],
    ['Microsoft 365', (e: typeof email) => microsoft365(e), '5.1.10', ['Nobody@Example.com']],
  ])('%s: an RFC 3464 hard bounce, matched to the Message-ID we sent', (_name, sample, status, addresses) => {
    const raw = sample(email);
    expect(mayBeDeliveryReport(envelopeOf(raw))).toBe(true);
    const report = parseDeliveryReport(Buffer.from(raw))!;
    expect(report.shape).toBe('rfc3464');
    expect(report.originalMessageIds).toContain(email.messageId);
    expect(report.recipients.map((r) => r.finalRecipient)).toEqual(addresses);
    const [verdict] = judgeReport(report);
    expect(verdict).toMatchObject({ severity: 'hard', status, address: 'Nobody@Example.com' });
    expect(verdict!.reason.startsWith(`undeliverable (${status}`)).toBe(true);
  });

  it('Postfix: the reporting server, the original recipient and the diagnostic are kept', () => {
    const report = parseDeliveryReport(postfixUserUnknown(email))!;
    expect(report.reportingMta).toBe('mail.acme.test');
    expect(report.originalSubject).toBe('Quick question');
    expect(report.originalTo).toEqual(['Nobody@Example.com']);
    expect(report.recipients[0]).toEqual({
      finalRecipient: 'Nobody@Example.com',
      originalRecipient: 'Nobody@Example.com',
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <Nobody@Example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    });
    expect(judgeReport(report)[0]!.reason).toBe(
      'undeliverable (5.1.1: the address does not exist) - 550 5.1.1 <Nobody@Example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    );
  });

  it('Exim: the returned Message-ID first, then References newest first (an earlier email of the thread last)', () => {
    const threaded = eximFailed(email).replace(
      `References: <${email.messageId}>`,
      `References: <first-touch@acme.test> <${email.messageId}>`,
    );
    expect(parseDeliveryReport(threaded)!.originalMessageIds).toEqual([email.messageId, 'first-touch@acme.test']);
  });

  it('Gmail: X-Original-Message-ID and the report threaded to the original both name it; the icon is not read', () => {
    const report = parseDeliveryReport(gmailNoSuchUser(email))!;
    expect(report.originalMessageIds).toEqual([email.messageId]);
    expect(report.recipients).toHaveLength(1);
  });

  it.each([
    ['Postfix delay warning', postfixDelayed, '4.4.1', 'delayed'],
    ['Gmail delivery incomplete', gmailDelayed, '4.4.1', 'delayed'],
  ])('%s: a soft bounce', (_name, sample, status, action) => {
    const report = parseDeliveryReport(sample(email))!;
    expect(report.originalMessageIds).toContain(email.messageId);
    expect(report.recipients[0]).toMatchObject({ action, status });
    expect(judgeReport(report)[0]).toMatchObject({ severity: 'soft', status });
    expect(judgeReport(report)[0]!.reason).toMatch(
      /^delivery delayed \(4\.4\.1: no answer from the receiving server\)/,
    );
  });

  it('Microsoft 365 refusing the message as spam (5.7.1): the address is not the trouble, soft', () => {
    const report = parseDeliveryReport(microsoft365(email, true))!;
    expect(judgeReport(report)[0]).toMatchObject({ severity: 'soft', status: '5.7.1' });
    expect(judgeReport(report)[0]!.reason).toMatch(/refused by the receiving policy/);
  });

  it('a success report is "delivered"', () => {
    const report = parseDeliveryReport(postfixDelivered(email))!;
    expect(report.originalMessageIds).toEqual([email.messageId]);
    expect(judgeReport(report)[0]).toMatchObject({ severity: 'delivered', status: '2.0.0' });
  });

  it('Exim without a report part: the failed address from the words, the Message-ID from the inline copy', () => {
    const raw = eximPlainText(email);
    expect(mayBeDeliveryReport(envelopeOf(raw))).toBe(true);
    const report = parseDeliveryReport(raw)!;
    expect(report.shape).toBe('returned-message');
    expect(report.originalMessageIds).toEqual([email.messageId]);
    expect(report.recipients.map((r) => r.finalRecipient)).toEqual(['Nobody@Example.com']);
    expect(judgeReport(report)[0]).toMatchObject({ severity: 'hard', status: '5.2.1' });
  });

  it('qmail: "<address>:" and "(#5.1.1)", a permanent error', () => {
    const report = parseDeliveryReport(qmailFailure(email))!;
    expect(report.originalMessageIds).toEqual([email.messageId]);
    expect(report.recipients.map((r) => r.finalRecipient)).toEqual(['Nobody@Example.com']);
    expect(judgeReport(report)[0]).toMatchObject({ severity: 'hard', status: '5.1.1' });
  });

  it('a postmaster returning text/rfc822-headers with no status: hard only because it says the mailbox does not exist', () => {
    const report = parseDeliveryReport(postmasterReturnedHeaders(email))!;
    expect(report.shape).toBe('returned-message');
    expect(report.originalMessageIds).toEqual([email.messageId]);
    expect(judgeReport(report)[0]).toMatchObject({ severity: 'hard', address: 'Nobody@Example.com' });
    const vague = postmasterReturnedHeaders(email).replace(
      'The recipient mailbox does not exist on this system.',
      'Please contact your administrator.',
    );
    expect(judgeReport(parseDeliveryReport(vague)!)[0]).toMatchObject({
      severity: 'soft',
      status: null,
      reason: 'undeliverable (the report gives no status)',
    });
  });

  it('a person writing "undeliverable", or quoting a bounce, is not a report', () => {
    const person = [
      'From: Lead <lead@example.com>',
      'Subject: Re: Undeliverable: Quick question',
      'Message-ID: <abc@example.com>',
      '',
      'Your last email came back as undeliverable, try me here.',
      '',
      '> Final-Recipient: rfc822; old@example.com',
      '> Action: failed',
      '> Status: 5.1.1',
    ].join('\r\n');
    expect(mayBeDeliveryReport(envelopeOf(person))).toBe(false);
    expect(parseDeliveryReport(person)).toBeNull();
    expect(parseDeliveryReport(person, 'lead@example.com')).toBeNull();
  });

  it('a truncated report still gives what it holds; a broken boundary falls back to the words', () => {
    const raw = postfixUserUnknown(email);
    const cut = raw.slice(0, raw.indexOf('Content-Description: Undelivered Message'));
    expect(judgeReport(parseDeliveryReport(cut)!)[0]).toMatchObject({ severity: 'hard', status: '5.1.1' });
    const broken = qmailFailure(email).replace(
      'Subject: failure notice',
      'Subject: failure notice\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="never-used"',
    );
    expect(judgeReport(parseDeliveryReport(broken)!)[0]).toMatchObject({ severity: 'hard', status: '5.1.1' });
  });
});

describe('parseDeliveryReport on damaged input', () => {
  /** A small deterministic generator: the same damage on every run. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const samples = [postfixUserUnknown, postfixDelayed, eximFailed, eximPlainText, gmailNoSuchUser, qmailFailure].map(
    (sample) => sample(email),
  );

  it('never throws on truncated, spliced or byte-flipped reports, and stays fast', () => {
    const next = random(42);
    const started = Date.now();
    for (let round = 0; round < 400; round += 1) {
      const raw = samples[round % samples.length]!;
      const cut = raw.slice(0, Math.floor(next() * raw.length));
      const bytes = Buffer.from(raw);
      for (let flips = 0; flips < 20; flips += 1) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const spliced = cut + samples[(round + 1) % samples.length]!.slice(Math.floor(next() * 2000));
      for (const input of [cut, bytes, spliced]) {
        const report = parseDeliveryReport(input);
        if (report) expect(() => judgeReport(report)).not.toThrow();
      }
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reads a megabyte of hostile text in bounded time', () => {
    const hostile = [
      'From: MAILER-DAEMON@mx.example.com',
      'Content-Type: multipart/report; report-type=delivery-status; boundary=b',
      '',
      '--b',
      '',
      `${'a'.repeat(300_000)} ${' '.repeat(300_000)}-${'='.repeat(300_000)}`,
      '--b',
      'Content-Type: message/delivery-status',
      '',
      `Final-Recipient: rfc822; ${'x'.repeat(100_000)}`,
      'Action: failed',
    ].join('\r\n');
    const words = [
      'From: MAILER-DAEMON@mx.example.com',
      '',
      `${'a'.repeat(300_000)}@${'@'.repeat(100_000)}`,
      ' '.repeat(300_000),
      `<${'b'.repeat(100_000)}@${'c'.repeat(100_000)}`,
      'The following address(es) failed:',
      `  ${'d@'.repeat(100_000)}`,
      'permanent error',
    ].join('\r\n');
    const started = Date.now();
    expect(parseDeliveryReport(hostile)?.recipients[0]?.action).toBe('failed');
    expect(() => parseDeliveryReport(words)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('judgeRecipient', () => {
  const recipient = (action: string | null, status: string | null) => ({
    finalRecipient: 'a@example.com',
    originalRecipient: null,
    action,
    status,
    diagnostic: null,
  });
  it.each([
    ['failed', '5.1.1', 'hard'],
    ['failed', '5.2.1', 'hard'],
    ['failed', '5.4.4', 'hard'],
    ['failed', null, 'hard'],
    ['failed', '4.4.7', 'soft'],
    ['delayed', '4.4.1', 'soft'],
    ['delayed', null, 'soft'],
    ['failed', '5.2.2', 'soft'],
    ['failed', '5.3.4', 'soft'],
    ['failed', '5.7.26', 'soft'],
    ['delivered', '2.0.0', 'delivered'],
    ['relayed', '2.0.0', 'delivered'],
    [null, '5.1.1', 'hard'],
    [null, null, 'soft'],
  ])('Action %s, Status %s: %s', (action, status, severity) => {
    expect(judgeRecipient(recipient(action, status)).severity).toBe(severity);
  });
});

describe('preciseStatus', () => {
  it('prefers the detail of the same class, reads codes out of diagnostics, and ignores IP addresses', () => {
    expect(preciseStatus('5.0.0', 'smtp; 550 5.1.1 user unknown')).toBe('5.1.1');
    expect(preciseStatus('5.0.0', 'smtp; 450 4.2.0 try later')).toBe('5.0.0');
    expect(preciseStatus('5.1.10', null)).toBe('5.1.10');
    expect(preciseStatus(null, 'host 5.9.120.33 said: 550 no such user')).toBe('5.0.0');
    expect(preciseStatus(null, 'Postfix 3.4.13: 421 try again')).toBe('4.0.0');
    expect(preciseStatus(null, 'no code here')).toBeNull();
  });
});

describe('isDaemonSender', () => {
  it('knows the mail servers, not the people', () => {
    expect(isDaemonSender('MAILER-DAEMON@mx.example.com')).toBe(true);
    expect(isDaemonSender('postmaster@example.com')).toBe(true);
    expect(isDaemonSender('MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@acme.onmicrosoft.com')).toBe(true);
    expect(isDaemonSender('lead@example.com')).toBe(false);
    expect(isDaemonSender(null)).toBe(false);
  });
});
