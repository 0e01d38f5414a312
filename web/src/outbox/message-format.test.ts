import { describe, expect, it } from 'vitest';
import { canSimulateReply, messageHeadline, simulatedReplyOutcome } from './message-format';

describe('message format', () => {
  it('heads an email with its subject and an SMS with its text, shortened', () => {
    expect(messageHeadline({ subject: 'Quick question', text: 'Hi' })).toBe('Quick question');
    expect(messageHeadline({ subject: null, text: 'Deal   won\nby Ana' })).toBe('Deal won by Ana');
    expect(messageHeadline({ subject: null, text: 'x'.repeat(100) })).toHaveLength(80);
    expect(messageHeadline({ subject: null, text: null })).toBe('(empty)');
  });

  it('offers a reply only on a sent email with a Message-ID', () => {
    const on = { simulateReply: true };
    expect(canSimulateReply({ channel: 'email', rfcMessageId: 'a@b', status: 'sent' }, on)).toBe(true);
    expect(canSimulateReply({ channel: 'email', rfcMessageId: null, status: 'sent' }, on)).toBe(false);
    expect(canSimulateReply({ channel: 'sms', rfcMessageId: 'a@b', status: 'sent' }, on)).toBe(false);
    expect(canSimulateReply({ channel: 'email', rfcMessageId: 'a@b', status: 'suppressed' }, on)).toBe(false);
  });

  it('offers no reply when the API has no simulator (production) or has not said yet', () => {
    const sent = { channel: 'email', rfcMessageId: 'a@b', status: 'sent' } as const;
    expect(canSimulateReply(sent, { simulateReply: false })).toBe(false);
    expect(canSimulateReply(sent, undefined)).toBe(false);
  });

  it('says where a simulated reply went: the listening mailbox, or straight to the intake', () => {
    expect(simulatedReplyOutcome({ replyPath: 'mailbox', replyTo: 'sales@demo.cadenza.local' })).toMatch(
      /^Reply emailed to sales@demo\.cadenza\.local; the mailbox sync reads it/,
    );
    expect(simulatedReplyOutcome({ replyPath: 'intake', replyTo: null })).toMatch(/does not read replies/);
  });
});
