import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { allowEgressTo } from './egress-allow';

/**
 * Just enough IMAP4rev1 for a client to sign in, SELECT an empty INBOX and (when `idle`) enter
 * IDLE: every other command is answered OK. `dropInIdleAfterMs` closes the socket mid-IDLE.
 * For what Dovecot will not do on demand: lack IDLE, drop a connection in the middle of one.
 */
export async function fakeImapServer(options: { idle: boolean; dropInIdleAfterMs?: number }) {
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
