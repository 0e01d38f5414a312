import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { deliverToMailbox, testImapServer } from '@cadenza/test-harness/imap-mailbox';

/**
 * The local Dovecot takes every address as a user name the way mail servers treat addresses:
 * "+" tags sign in (reps and tests use them), and case does not make a second mailbox.
 */
describe('local IMAP user names', () => {
  const imap = testImapServer();

  async function subjectsOf(user: string): Promise<string[]> {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user, pass: imap.password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const subjects: string[] = [];
      for await (const message of client.fetch('1:*', { envelope: true }))
        subjects.push(message.envelope?.subject ?? '');
      return subjects;
    } finally {
      await client.logout();
    }
  }

  it('signs in a plus-tagged address, whatever its case, to one mailbox', async () => {
    const tag = randomUUID().slice(0, 8);
    await deliverToMailbox(`Sales+${tag}@Demo.Test`, `Subject: hello ${tag}\r\n\r\nHi\r\n`);
    expect(await subjectsOf(`sales+${tag}@demo.test`)).toEqual([`hello ${tag}`]);
  });

  it('refuses a user name that would name another folder', async () => {
    await expect(subjectsOf(`../etc@demo.test`)).rejects.toThrow();
    await expect(subjectsOf(`a/b@demo.test`)).rejects.toThrow();
  });
});
