import { decideInbound } from './inbound-decision';

const sent = { id: 'm1', toAddress: 'Lead@Example.com' };
const other = { id: 'm2', toAddress: 'lead@example.com' };

describe('decideInbound', () => {
  it('takes a thread match from the contact as a reply (addresses compared without case)', () => {
    expect(decideInbound({ from: 'lead@example.com', autoReply: false, byThread: sent, bySender: other })).toEqual({
      kind: 'reply',
      message: sent,
      matchedBy: 'thread',
    });
  });

  it('records an automatic answer in our thread as an auto-reply, not a reply', () => {
    expect(decideInbound({ from: 'lead@example.com', autoReply: true, byThread: sent, bySender: null }).kind).toBe(
      'auto_reply',
    );
  });

  it('does not let a forged In-Reply-To from another address count as the reply', () => {
    expect(decideInbound({ from: 'mallory@evil.test', autoReply: false, byThread: sent, bySender: null })).toEqual({
      kind: 'foreign_sender',
      message: sent,
    });
    expect(decideInbound({ from: null, autoReply: false, byThread: sent, bySender: null }).kind).toBe('foreign_sender');
  });

  it('falls back to the sender of an active enrollment when there are no thread headers', () => {
    expect(decideInbound({ from: 'lead@example.com', autoReply: false, byThread: null, bySender: other })).toEqual({
      kind: 'reply',
      message: other,
      matchedBy: 'sender',
    });
  });

  it('ignores everything else in the mailbox', () => {
    expect(decideInbound({ from: 'friend@example.org', autoReply: false, byThread: null, bySender: null })).toEqual({
      kind: 'ignore',
    });
    expect(decideInbound({ from: null, autoReply: false, byThread: null, bySender: null }).kind).toBe('ignore');
  });
});
