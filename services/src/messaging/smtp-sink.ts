import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { storeSinkMessage } from '@cadenza/data';
import type { DeliverToMailboxes } from './mailbox-sync/imap-delivery';

export interface SmtpSink {
  port: number;
  close: () => Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** Reads one header (unfolded) from RFC 5322 source. */
export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1]!.trim() : null;
}

/**
 * The development mail server: accepts every message over a real SMTP conversation (no
 * auth, no TLS, loopback by default) and stores it in PostgreSQL, so the outbox shows
 * exactly what a sequence sent without any mail leaving the machine.
 */
export async function startSmtpSink(options: {
  db: DataSource;
  port: number;
  host?: string;
  /**
   * Also delivers each message to its recipients' mailboxes on the local IMAP server, so a
   * contact's reply sent by SMTP reaches the rep's INBOX and the mailbox sync (the launcher sets it).
   */
  deliver?: DeliverToMailboxes;
  log?: (line: string) => void;
}): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'Cadenza development SMTP sink',
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = headerOf(raw, 'Message-ID')?.replace(/^<|>$/g, '') ?? null;
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        storeSinkMessage(options.db, {
          messageId,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo,
          subject: headerOf(raw, 'Subject'),
          raw,
        }).then(
          async () => {
            // Kept in the outbox whatever happens; a mailbox that cannot take it is reported, not retried.
            await options
              .deliver?.(envelopeTo, raw)
              .catch((error: Error) =>
                options.log?.(
                  `could not deliver ${messageId ?? 'a message'} to ${envelopeTo.join(', ')}: ${error.message}`,
                ),
              );
            callback();
          },
          // A 4xx tells the sender to try again later: the message is not lost.
          (error: Error) =>
            callback(Object.assign(new Error(`storage failed: ${error.message}`), { responseCode: 451 })),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  // A sender that dies mid-session (a SIGKILLed worker) resets its socket; without a listener
  // that 'error' would crash the process hosting the sink. Its message was never accepted.
  server.on('error', () => undefined);
  const address = (server.server as unknown as { address(): AddressInfo }).address();
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
