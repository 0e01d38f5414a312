import { composeSimulatedReply, replyAddressOf } from './simulated-reply';
import { headerOf } from './smtp-sink';
import { isAutoReply } from './mailbox-sync/auto-reply';

describe('a simulated reply is the email a mail client would write', () => {
  const answered = {
    rfcMessageId: 'second@cadenza.test',
    to: 'lead@example.com',
    subject: 'Re: Quick question',
    raw: 'Message-ID: <second@cadenza.test>\r\nReferences: <first@cadenza.test>\r\nSubject: Re: Quick question\r\n\r\nHi',
  };

  it('answers in the thread: one "Re:", In-Reply-To the sent email, References the whole thread', async () => {
    const { raw, rfcMessageId } = await composeSimulatedReply(answered, {
      from: 'lead@example.com',
      to: 'rep@acme.test',
      text: 'Tuesday works.',
    });
    expect(headerOf(raw, 'Subject')).toBe('Re: Quick question');
    expect(headerOf(raw, 'In-Reply-To')).toBe('<second@cadenza.test>');
    expect(headerOf(raw, 'References')).toBe('<first@cadenza.test> <second@cadenza.test>');
    expect(headerOf(raw, 'From')).toBe('lead@example.com');
    expect(headerOf(raw, 'To')).toBe('rep@acme.test');
    expect(headerOf(raw, 'Message-ID')).toBe(`<${rfcMessageId}>`);
    expect(rfcMessageId).toMatch(/@example\.com$/);
    expect(raw).toContain('Tuesday works.');
  });

  it('starts References with the sent email when it had none', async () => {
    const { raw } = await composeSimulatedReply(
      { ...answered, subject: 'Quick question', raw: null },
      { from: 'lead@example.com', to: 'rep@acme.test', text: 'Yes' },
    );
    expect(headerOf(raw, 'Subject')).toBe('Re: Quick question');
    expect(headerOf(raw, 'References')).toBe('<second@cadenza.test>');
  });

  it('writes an out-of-office as a responder does: "Automatic reply:" and Auto-Submitted, which the sync reads as automatic', async () => {
    const { raw } = await composeSimulatedReply(answered, {
      from: 'lead@example.com',
      to: 'rep@acme.test',
      text: 'I am out of the office until Monday.',
      automatic: true,
    });
    expect(headerOf(raw, 'Subject')).toBe('Automatic reply: Re: Quick question');
    expect(headerOf(raw, 'Auto-Submitted')).toBe('auto-replied');
    expect(isAutoReply(new Map([['auto-submitted', 'auto-replied']]), headerOf(raw, 'Subject'))).toBe(true);
    const plain = await composeSimulatedReply(answered, { from: 'lead@example.com', to: 'rep@acme.test', text: 'Yes' });
    expect(headerOf(plain.raw, 'Auto-Submitted')).toBeNull();
  });

  it('goes to the Reply-To of the sent email when it had one, else to the mailbox', () => {
    expect(replyAddressOf({ raw: 'Reply-To: "Sam" <sam@acme.test>\r\n\r\n', mailboxAddress: 'rep@acme.test' })).toBe(
      'sam@acme.test',
    );
    expect(replyAddressOf({ raw: 'Reply-To: sam@acme.test\r\n\r\n', mailboxAddress: 'rep@acme.test' })).toBe(
      'sam@acme.test',
    );
    expect(replyAddressOf({ raw: 'Subject: x\r\n\r\n', mailboxAddress: 'rep@acme.test' })).toBe('rep@acme.test');
    expect(replyAddressOf({ raw: null, mailboxAddress: 'rep@acme.test' })).toBe('rep@acme.test');
  });
});
