/** The sent email an inbound one was matched to, as the decision needs it. */
export interface MatchedEmail {
  /** Who Cadenza sent it to: the contact. */
  toAddress: string;
  /** When it went out; an email from the contact older than that cannot be its answer. */
  sentAt: Date | null;
}

export type InboundDecision<M extends MatchedEmail> =
  | { kind: 'ignore' }
  /** The contact answered: recorded and the run told (it may leave the flow or take its reply branch). */
  | { kind: 'reply'; message: M; matchedBy: 'thread' | 'sender' }
  /** A machine answered for the contact: recorded as out-of-office, the run is not told. */
  | { kind: 'auto_reply'; message: M; matchedBy: 'thread' | 'sender' }
  /** In one of our threads but from someone else (a colleague, a forwarder, a forgery): recorded only. */
  | { kind: 'foreign_sender'; message: M };

/**
 * INTERNALDATE has whole seconds and comes from the mail server's clock, not ours: an answer
 * may look slightly older than the email it answers. Days-old mail stays out.
 */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What an email in a synced mailbox means to Cadenza. A thread match (In-Reply-To/References
 * naming a Message-ID we sent) counts as the contact's reply only when it comes from the address
 * we sent to, so a forged In-Reply-To cannot unenroll anyone; without thread headers, mail from
 * an address with a running enrollment, received after our email to it, is that contact writing back. Everything else is not ours
 * to import (the rep's own inbox).
 */
export function decideInbound<M extends MatchedEmail>(input: {
  from: string | null;
  /** When the mailbox received it (IMAP INTERNALDATE). */
  receivedAt: Date | null;
  autoReply: boolean;
  byThread: M | null;
  bySender: M | null;
}): InboundDecision<M> {
  const { from, receivedAt, autoReply, byThread, bySender } = input;
  const kindOf = autoReply ? 'auto_reply' : 'reply';
  if (byThread) {
    if (from && sameAddress(from, byThread.toAddress)) return { kind: kindOf, message: byThread, matchedBy: 'thread' };
    return { kind: 'foreign_sender', message: byThread };
  }
  // A mailbox connected today holds the contact's mail of last year: only what came after our email answers it.
  const answersIt =
    bySender?.sentAt && receivedAt && receivedAt.getTime() >= bySender.sentAt.getTime() - CLOCK_TOLERANCE_MS;
  if (bySender && answersIt && from && sameAddress(from, bySender.toAddress))
    return { kind: kindOf, message: bySender, matchedBy: 'sender' };
  return { kind: 'ignore' };
}
