import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { SyncingMailbox } from '@cadenza/data';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';
import { deliverToMailbox, testImapServer } from '@cadenza/test-harness/imap-mailbox';
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
    return { uidValidity: Number(status.uidValidity) };
  } finally {
    await client.logout();
  }
}

/**
 * Just enough IMAP4rev1 for a client to sign in, SELECT an empty INBOX and (when `idle`) enter
 * IDLE: every other command is answered OK. `dropInIdleAfterMs` closes the socket mid-IDLE.
 */
async function fakeImapServer(options: { idle: boolean; dropInIdleAfterMs?: number }) {
  const capabilities = `IMAP4rev1 AUTH=PLAIN${options.idle ? ' IDLE' : ''}`;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(`* OK [CAPABILITY ${capabilities}] fake ready\r\n`);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\r\n')) !== -1) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const [tag, command = ''] = line.split(' ');
        const verb = command.toUpperCase();
        if (verb === 'CAPABILITY') socket.write(`* CAPABILITY ${capabilities}\r\n${tag} OK done\r\n`);
        else if (verb === 'LOGIN' || verb === 'AUTHENTICATE')
          socket.write(`${tag} OK [CAPABILITY ${capabilities}] signed in\r\n`);
        else if (verb === 'SELECT' || verb === 'EXAMINE')
          socket.write(
            `* 0 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 1] ok\r\n* FLAGS (\\Seen)\r\n${tag} OK [READ-ONLY] selected\r\n`,
          );
        else if (verb === 'IDLE') {
          socket.write('+ idling\r\n');
          setTimeout(() => socket.destroy(), options.dropInIdleAfterMs ?? 60_000);
        } else if (verb === 'LOGOUT') socket.end(`* BYE bye\r\n${tag} OK bye\r\n`);
        else if (tag) socket.write(`${tag} OK done\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  allowEgressTo(port);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
