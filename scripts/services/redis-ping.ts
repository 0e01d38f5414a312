import net from 'node:net';

/**
 * Sends one RESP PING and resolves when PONG comes back. Speaks the wire protocol
 * directly so the launcher and the test harness need no Redis client library.
 */
export function pingRedis(url: string, timeoutMs = 3000): Promise<void> {
  const { hostname, port, password, username } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: hostname || '127.0.0.1',
      port: Number(port || 6379),
    });
    const fail = (message: string) => {
      socket.destroy();
      reject(new Error(`Redis at ${hostname}:${port || 6379}: ${message}`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.once('error', (error) => fail(error.message));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('+PONG')) {
        socket.end();
        resolve();
      } else if (reply.startsWith('-')) fail(reply.trim());
    });
    socket.once('connect', () => {
      if (password)
        socket.write(`AUTH ${username ? `${decodeURIComponent(username)} ` : ''}${decodeURIComponent(password)}\r\n`);
      socket.write('PING\r\n');
    });
  });
}
