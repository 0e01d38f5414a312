/** The sent email an inbound one was matched to, as the decision needs it. */
export interface MatchedEmail {
  /** Who Cadenza sent it to: the contact. */
  toAddress: string;
}

export type InboundDecision<M extends MatchedEmail> =
  | { kind: 'ignore' }
  /** The contact answered: recorded and the run told (it may leave the flow or take its reply branch). */
  | { kind: 'reply'; message: M; matchedBy: 'thread' | 'sender' }
  /** A machine answered for the contact: recorded as out-of-office, the run is not told. */
  | { kind: 'auto_reply'; message: M; matchedBy: 'thread' | 'sender' }
  /** In one of our threads but from someone else (a colleague, a forwarder, a forgery): recorded only. */
  | { kind: 'foreign_sender'; message: M };

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What an email in a synced mailbox means to Cadenza. A thread match (In-Reply-To/References
 * naming a Message-ID we sent) counts as the contact's reply only when it comes from the address
 * we sent to, so a forged In-Reply-To cannot unenroll anyone; without thread headers, mail from
 * an address with a running enrollment is that contact writing back. Everything else is not ours
 * to import (the rep's own inbox).
 */
export function decideInbound<M extends MatchedEmail>(input: {
  from: string | null;
  autoReply: boolean;
  byThread: M | null;
  bySender: M | null;
}): InboundDecision<M> {
  const { from, autoReply, byThread, bySender } = input;
  const kindOf = autoReply ? 'auto_reply' : 'reply';
  if (byThread) {
    if (from && sameAddress(from, byThread.toAddress)) return { kind: kindOf, message: byThread, matchedBy: 'thread' };
    return { kind: 'foreign_sender', message: byThread };
  }
  if (bySender && from && sameAddress(from, bySender.toAddress))
    return { kind: kindOf, message: bySender, matchedBy: 'sender' };
  return { kind: 'ignore' };
}
