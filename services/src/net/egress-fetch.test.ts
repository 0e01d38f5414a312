import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseEgressAllowList } from '@cadenza/core';
import { createEgressGuard } from './egress-guard';
import { EgressRefusedError } from './egress-refused';

/** A local HTTP server that counts the TCP connections it accepts, to prove a refusal came first. */
async function countingServer(handler: http.RequestListener) {
  const server = http.createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('the guarded fetch', () => {
  let target: Awaited<ReturnType<typeof countingServer>>;
  const hosts: string[] = [];
  beforeAll(async () => {
    target = await countingServer((request, response) => {
      hosts.push(String(request.headers.host));
      response.end('secret');
    });
  });
  afterAll(() => target.close());

  it.each([
    ['http://127.0.0.1:PORT/', 'egress refused: 127.0.0.1 is a loopback address'],
    ['http://2130706433:PORT/', 'egress refused: 127.0.0.1 is a loopback address'],
    ['http://0x7f.1:PORT/', 'egress refused: 127.0.0.1 is a loopback address'],
    ['http://localhost:PORT/', 'egress refused: localhost is a loopback name'],
    ['http://[::ffff:127.0.0.1]:PORT/', 'egress refused: 127.0.0.1 (IPv4-mapped ::ffff:7f00:1) is a loopback address'],
  ])('refuses %s before connecting', async (url, message) => {
    const guard = createEgressGuard([]);
    const error = await guard.fetch(url.replace('PORT', String(target.port))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EgressRefusedError);
    expect((error as EgressRefusedError).message).toBe(message);
    expect((error as EgressRefusedError).nonRetryable).toBe(true);
    expect(target.connections()).toBe(0);
  });

  it('refuses a name that resolves to a private address, before connecting', async () => {
    const guard = createEgressGuard([], async () => ['93.184.215.14', '10.0.0.7']);
    await expect(guard.fetch(`http://rebind.example:${target.port}/`)).rejects.toThrow(
      'egress refused: rebind.example resolves to 10.0.0.7, a private address',
    );
    expect(target.connections()).toBe(0);
  });

  it('connects to the address it checked, keeping the name in the Host header', async () => {
    let lookups = 0;
    const guard = createEgressGuard(parseEgressAllowList(`hooks.test:${target.port}`), async () => {
      lookups++;
      return ['127.0.0.1'];
    });
    const response = await guard.fetch(`http://hooks.test:${target.port}/x`);
    expect(await response.text()).toBe('secret');
    expect(hosts.at(-1)).toBe(`hooks.test:${target.port}`);
    expect(lookups).toBe(1);
  });

  it('checks every redirect hop', async () => {
    const redirector = await countingServer((_, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${target.port}/metrics` }).end();
    });
    const before = target.connections();
    try {
      const guard = createEgressGuard(parseEgressAllowList(`127.0.0.1:${redirector.port}`));
      await expect(guard.fetch(`http://127.0.0.1:${redirector.port}/`)).rejects.toThrow(
        'egress refused: 127.0.0.1 is a loopback address',
      );
      expect(redirector.connections()).toBe(1);
      expect(target.connections()).toBe(before);
    } finally {
      await redirector.close();
    }
  });

  it('follows allowed redirects, a bounded number of times', async () => {
    const loop = await countingServer((request, response) => {
      const hop = Number(new URL(String(request.url), 'http://x').searchParams.get('hop') ?? 0);
      if (hop >= 3) return void response.end(`arrived after ${hop}`);
      response.writeHead(302, { location: `/?hop=${hop + 1}` }).end();
    });
    try {
      const guard = createEgressGuard(parseEgressAllowList(`127.0.0.1:${loop.port}`));
      expect(await (await guard.fetch(`http://127.0.0.1:${loop.port}/`)).text()).toBe('arrived after 3');
      await expect(guard.fetch(`http://127.0.0.1:${loop.port}/`, { maxRedirects: 2 })).rejects.toThrow(
        'redirected more than 2 times',
      );
      expect((await guard.fetch(`http://127.0.0.1:${loop.port}/`, { maxRedirects: 0 })).status).toBe(302);
    } finally {
      await loop.close();
    }
  });

  it('fetches nothing but http and https', async () => {
    await expect(createEgressGuard([]).fetch('file:///etc/passwd')).rejects.toThrow('file: URLs are not fetched');
  });
});

describe('the guarded resolve for socket clients', () => {
  it('answers the checked address and the name for TLS', async () => {
    const guard = createEgressGuard(parseEgressAllowList('smtp.internal:587'), async () => ['192.168.1.20']);
    await expect(guard.resolve('smtp.internal', 587)).resolves.toEqual({
      address: '192.168.1.20',
      port: 587,
      servername: 'smtp.internal',
    });
    await expect(guard.resolve('smtp.internal', 25)).rejects.toThrow(', a private address');
    await expect(guard.resolve('0177.0.0.1', 25)).rejects.toThrow('egress refused: 127.0.0.1 is a loopback address');
  });
});
