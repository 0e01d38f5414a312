import express from 'express';
import type { AddressInfo } from 'node:net';
import { TrustProxySchema } from './trust-proxy';

/** The client address Express reports for a request with a forged X-Forwarded-For, under a setting. */
async function reportedAddress(setting: string | undefined): Promise<string> {
  const app = express();
  app.set('trust proxy', TrustProxySchema.parse(setting));
  app.get('/', (req, res) => {
    res.send(req.ip);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    return await response.text();
  } finally {
    server.close();
  }
}

describe('TRUST_PROXY', () => {
  it('is off by default: a forged X-Forwarded-For does not change the client address', async () => {
    expect(TrustProxySchema.parse(undefined)).toBe(false);
    expect(await reportedAddress(undefined)).toBe('127.0.0.1');
  });

  it('uses the forwarded address only from a configured proxy', async () => {
    expect(await reportedAddress('loopback')).toBe('203.0.113.9');
    expect(await reportedAddress('1')).toBe('203.0.113.9');
    expect(await reportedAddress('10.0.0.0/8')).toBe('127.0.0.1');
  });

  it('accepts hop counts and address lists, and refuses `true` and junk with a message', () => {
    expect(TrustProxySchema.parse('2')).toBe(2);
    expect(TrustProxySchema.parse('10.0.0.0/8, fd00::/8,loopback')).toEqual(['10.0.0.0/8', 'fd00::/8', 'loopback']);
    expect(() => TrustProxySchema.parse('true')).toThrow(/any client/);
    expect(() => TrustProxySchema.parse('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => TrustProxySchema.parse('ingress.local')).toThrow(/ingress\.local/);
  });
});
