import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EgressGuard } from '../net';
import { replySubject, threadReferences } from './email-thread';
import { domainOf } from './message-id';
import { headerOf } from './smtp-sink';
import { sendOverSmtp } from './smtp-send';
import { withCrlf } from './line-endings';

/** The sent email a simulated reply answers, as the outbox keeps it. */
export interface AnsweredEmail {
  /** Without angle brackets. */
  rfcMessageId: string;
  /** The contact's address (the reply's sender). */
  to: string;
  subject: string | null;
  /** The RFC 5322 source as sent, for its References and Reply-To. */
  raw: string | null;
}

/** Where the contact's mail client sends the reply: the sent email's Reply-To, or else its sender. */
export function replyAddressOf(email: { raw: string | null; mailboxAddress: string }): string {
  const header = email.raw ? headerOf(email.raw, 'Reply-To') : null;
  const address = header ? (/<([^<>\s]+@[^<>\s]+)>/.exec(header)?.[1] ?? header.trim()) : '';
  return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address : email.mailboxAddress;
}

/** What the simulated contact answers: their address, the rep's, the text, and whether a responder sent it. */
export interface SimulatedReplyText {
  from: string;
  to: string;
  text: string;
  automatic?: boolean;
}

/** "Re: <subject>", or as Outlook's and Gmail's responders title it, "Automatic reply: Re: <subject>". */
export const simulatedReplySubject = (subject: string | null, automatic: boolean) =>
  `${automatic ? 'Automatic reply: ' : ''}${replySubject(subject ?? '')}`;

/**
 * The reply a contact's mail client would write: from the contact to the rep's address, "Re:"
 * the subject, In-Reply-To the sent Message-ID and References the thread so far.
 */
export async function composeSimulatedReply(
  answered: AnsweredEmail,
  reply: SimulatedReplyText & { date?: Date },
): Promise<{ raw: string; rfcMessageId: string }> {
  const references = threadReferences(answered);
  const rfcMessageId = `${randomUUID()}@${domainOf(reply.from)}`;
  const composer = new MailComposer({
    from: reply.from,
    to: reply.to,
    subject: simulatedReplySubject(answered.subject, reply.automatic ?? false),
    // RFC 3834: what an out-of-office responder sets, so the sync reads it as an automatic reply.
    ...(reply.automatic ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
    text: withCrlf(reply.text),
    date: reply.date ?? new Date(),
    messageId: `<${rfcMessageId}>`,
    inReplyTo: `<${answered.rfcMessageId}>`,
    references: references.map((id) => `<${id}>`).join(' '),
  });
  const raw = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
  return { raw: raw.toString('utf8'), rfcMessageId };
}

/**
 * Emails a contact's reply to the rep's mailbox through the development SMTP sink, which
 * delivers it into the local IMAP server: the mailbox sync then reads it like any reply, so the
 * development "Simulate reply" goes the real way (SMTP, IMAP, sync, matching) with no shortcut.
 */
export async function emailSimulatedReply(
  deps: { sink: { host: string; port: number }; egress: EgressGuard },
  answered: AnsweredEmail,
  reply: SimulatedReplyText,
): Promise<{ rfcMessageId: string }> {
  const { raw, rfcMessageId } = await composeSimulatedReply(answered, reply);
  await sendOverSmtp(
    { host: deps.sink.host, port: deps.sink.port, secure: false, plain: true },
    { from: reply.from, to: reply.to },
    raw,
    deps.egress,
  );
  return { rfcMessageId };
}
