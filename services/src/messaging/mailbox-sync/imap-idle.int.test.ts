import { randomUUID } from 'node:crypto';
import type { SyncingMailbox } from '@cadenza/data';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';
import { deliverToMailbox, testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { fakeImapServer } from '@cadenza/test-harness/fake-imap-server';
import { idleUntilNewMail, type IdleOptions } from './imap-idle';

/**
 * IMAP IDLE against the harness's Dovecot (which has IDLE), and against a minimal IMAP server
 * on loopback for what Dovecot will not do on demand: a server without IDLE, and one that drops
 * the connection in the middle of an IDLE.
 */
describe('idleUntilNewMail', () => {
  const imap = testImapServer();
  beforeAll(() => allowEgressTo(imap.port));

  const mailboxOn = (port: number, address = `rep-${randomUUID()}@acme.test`): SyncingMailbox => ({
    id: randomUUID(),
    tenantId: randomUUID(),
    address,
    imap: { host: '127.0.0.1', port, secure: false, username: address, password: imap.password },
  });
  const options = (overrides: Partial<IdleOptions> = {}): IdleOptions => ({
    cursor: null,
    maxWaitMs: 20_000,
    heartbeat: () => undefined,
    heartbeatMs: 1000,
    ...overrides,
  });
  const email = (subject: string) =>
    `From: lead@example.com\r\nTo: rep@acme.test\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@example.com>\r\n\r\nHello\r\n`;

  it('answers at once when the INBOX is already past the cursor (mail between the poll and the IDLE)', async () => {
    const mailbox = mailboxOn(imap.port);
    await deliverToMailbox(mailbox.address, email('before'));
    const started = Date.now();
    expect(await idleUntilNewMail(mailbox, harnessEgress, options())).toEqual({ status: 'new_mail' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('waits in IDLE, heartbeating, and wakes on the next delivery', async () => {
    const mailbox = mailboxOn(imap.port);
    const uid = await deliverToMailbox(mailbox.address, email('seen'));
    const folder = await folderOf(mailbox.address);
    let beats = 0;
    const waiting = idleUntilNewMail(
      mailbox,
      harnessEgress,
      options({ cursor: { uidValidity: folder.uidValidity, lastUid: uid }, heartbeat: () => void (beats += 1) }),
    );
    await sleep(2_500);
    const delivered = Date.now();
    await deliverToMailbox(mailbox.address, email('new'));
    expect(await waiting).toEqual({ status: 'new_mail' });
    // Dovecot announces the new message at once; the bound (20 s) is far off.
    expect(Date.now() - delivered).toBeLessThan(5_000);
    expect(beats).toBeGreaterThanOrEqual(2);
  });

  it('ends quietly at its bound, and at once when aborted', async () => {
    const mailbox = mailboxOn(imap.port);
    const uid = await deliverToMailbox(mailbox.address, email('seen'));
    const { uidValidity } = await folderOf(mailbox.address);
    const cursor = { uidValidity, lastUid: uid };
    const started = Date.now();
    expect(await idleUntilNewMail(mailbox, harnessEgress, options({ cursor, maxWaitMs: 1_500 }))).toEqual({
      status: 'quiet',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);

    const abort = new AbortController();
    const waiting = idleUntilNewMail(mailbox, harnessEgress, options({ cursor, signal: abort.signal }));
    await sleep(1_000);
    const aborted = Date.now();
    abort.abort();
    expect(await waiting).toEqual({ status: 'quiet' });
    expect(Date.now() - aborted).toBeLessThan(2_000);
  });

  it('answers no_idle for a server whose CAPABILITY has no IDLE', async () => {
    const server = await fakeImapServer({ idle: false });
    try {
      expect(await idleUntilNewMail(mailboxOn(server.port), harnessEgress, options())).toEqual({ status: 'no_idle' });
    } finally {
      await server.close();
    }
  });

  it('answers dropped, not an exception, when the connection drops during IDLE or cannot be made', async () => {
    const server = await fakeImapServer({ idle: true, dropInIdleAfterMs: 500 });
    try {
      const started = Date.now();
      const result = await idleUntilNewMail(mailboxOn(server.port), harnessEgress, options());
      expect(result.status).toBe('dropped');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
    // Nothing listens there any more: refused, answered as dropped.
    expect((await idleUntilNewMail(mailboxOn(server.port), harnessEgress, options())).status).toBe('dropped');
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function folderOf(user: string): Promise<{ uidValidity: number }> {
  const { ImapFlow } = await import('imapflow');
  const { host, port, password } = testImapServer();
  const client = new ImapFlow({ host, port, secure: false, auth: { user, pass: password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const status = await client.status('INBOX', { uidValidity: true });
    if (!status) throw new Error(`no STATUS for ${user}'s INBOX`);
    return { uidValidity: Number(status.uidValidity) };
  } finally {
    await client.logout();
  }
}
