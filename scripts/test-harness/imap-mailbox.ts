import { ImapFlow } from 'imapflow';
import { TEST_IMAP_PASSWORD } from './provision';
import { requireService } from './service-env';

/** The tests' Dovecot: its address, port, and the password every mailbox user signs in with. */
export function testImapServer(): { url: string; host: string; port: number; password: string } {
  const url = requireService('imap');
  const { hostname, port } = new URL(url);
  return { url, host: hostname, port: Number(port), password: TEST_IMAP_PASSWORD };
}

/**
 * Delivers an email into a user's INBOX on the tests' Dovecot by IMAP APPEND, as a mail server
 * delivering it would; answers the UID it got. Each user name (an address) is its own mailbox.
 * `receivedAt` backdates its arrival (IMAP INTERNALDATE), as for mail that was there before.
 */
export async function deliverToMailbox(user: string, raw: string, receivedAt?: Date): Promise<number> {
  const { host, port, password } = testImapServer();
  const client = new ImapFlow({ host, port, secure: false, auth: { user, pass: password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const appended = await client.append('INBOX', raw, [], receivedAt);
    if (!appended || !appended.uid) throw new Error(`IMAP APPEND to ${user} gave no UID`);
    return appended.uid;
  } finally {
    await client.logout();
  }
}
