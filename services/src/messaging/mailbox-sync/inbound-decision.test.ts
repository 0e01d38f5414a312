import { decideInbound } from './inbound-decision';

const sentAt = new Date('2026-12-01T10:00:00Z');
const sent = { id: 'm1', toAddress: 'Lead@Example.com', sentAt };
const other = { id: 'm2', toAddress: 'lead@example.com', sentAt };
const later = new Date('2026-12-02T09:00:00Z');

describe('decideInbound', () => {
  it('takes a thread match from the contact as a reply (addresses compared without case)', () => {
    expect(
      decideInbound({ from: 'lead@example.com', receivedAt: later, autoReply: false, byThread: sent, bySender: other }),
    ).toEqual({
      kind: 'reply',
      message: sent,
      matchedBy: 'thread',
    });
  });

  it('records an automatic answer in our thread as an auto-reply, not a reply', () => {
    expect(
      decideInbound({ from: 'lead@example.com', receivedAt: later, autoReply: true, byThread: sent, bySender: null })
        .kind,
    ).toBe('auto_reply');
  });

  it('does not let a forged In-Reply-To from another address count as the reply', () => {
    expect(
      decideInbound({ from: 'mallory@evil.test', receivedAt: later, autoReply: false, byThread: sent, bySender: null }),
    ).toEqual({
      kind: 'foreign_sender',
      message: sent,
    });
    expect(
      decideInbound({ from: null, receivedAt: later, autoReply: false, byThread: sent, bySender: null }).kind,
    ).toBe('foreign_sender');
  });

  it('falls back to the sender of an active enrollment when there are no thread headers', () => {
    expect(
      decideInbound({ from: 'lead@example.com', receivedAt: later, autoReply: false, byThread: null, bySender: other }),
    ).toEqual({
      kind: 'reply',
      message: other,
      matchedBy: 'sender',
    });
  });

  it("does not take the contact's older mail, found when a mailbox is first connected, as an answer", () => {
    const lastYear = new Date('2025-11-20T09:00:00Z');
    expect(
      decideInbound({
        from: 'lead@example.com',
        receivedAt: lastYear,
        autoReply: false,
        byThread: null,
        bySender: other,
      }).kind,
    ).toBe('ignore');
    expect(
      decideInbound({ from: 'lead@example.com', receivedAt: null, autoReply: false, byThread: null, bySender: other })
        .kind,
    ).toBe('ignore');
  });

  it('ignores everything else in the mailbox', () => {
    expect(
      decideInbound({
        from: 'friend@example.org',
        receivedAt: later,
        autoReply: false,
        byThread: null,
        bySender: null,
      }),
    ).toEqual({
      kind: 'ignore',
    });
    expect(
      decideInbound({ from: null, receivedAt: later, autoReply: false, byThread: null, bySender: null }).kind,
    ).toBe('ignore');
  });
});
