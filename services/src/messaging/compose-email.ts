import MailComposer from 'nodemailer/lib/mail-composer';
import { withCrlf } from './line-endings';

export interface EmailToCompose {
  from: { name: string | null; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Without angle brackets. */
  rfcMessageId: string;
  idempotencyKey: string;
  unsubscribeUrl: string | null;
  /** The thread this email answers: the Message-IDs it refers to, oldest first, without angle brackets. */
  thread?: { inReplyTo: string; references: string[] };
}

/**
 * The RFC 5322 source of an email, built once: the same bytes go to SMTP servers and are
 * kept as the message's raw source in the outbox, with CRLF line endings in every part. Carries the idempotency key as a header,
 * and RFC 8058 one-click unsubscribe headers when there is a link.
 */
export async function composeEmail(email: EmailToCompose): Promise<string> {
  const composer = new MailComposer({
    from: email.from.name ? { name: email.from.name, address: email.from.address } : email.from.address,
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    html: withCrlf(email.html),
    text: withCrlf(email.text),
    messageId: `<${email.rfcMessageId}>`,
    ...(email.thread
      ? {
          inReplyTo: `<${email.thread.inReplyTo}>`,
          references: email.thread.references.map((id) => `<${id}>`).join(' '),
        }
      : {}),
    headers: {
      'X-Cadenza-Idempotency-Key': email.idempotencyKey,
      ...(email.unsubscribeUrl
        ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {}),
    },
  });
  const raw = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
  return raw.toString('utf8');
}
