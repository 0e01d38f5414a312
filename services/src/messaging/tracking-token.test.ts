import { randomBytes, randomUUID } from 'node:crypto';
import { signTrackingToken, verifyTrackingToken } from './tracking-token';

const secret = randomBytes(32);
const m = randomUUID();

describe('tracking tokens', () => {
  it('round-trips open, click and unsubscribe claims', () => {
    expect(verifyTrackingToken(secret, signTrackingToken(secret, { k: 'o', m }), 'o')).toEqual({ k: 'o', m });
    const click = { k: 'c' as const, m, u: 'https://shop.test/offer?x=1' };
    expect(verifyTrackingToken(secret, signTrackingToken(secret, click), 'c')).toEqual(click);
  });

  it('refuses a token of another kind, another key, or any altered byte', () => {
    const token = signTrackingToken(secret, { k: 'c', m, u: 'https://shop.test/' });
    expect(verifyTrackingToken(secret, token, 'u')).toBeNull();
    expect(verifyTrackingToken(randomBytes(32), token)).toBeNull();
    const [payload, mac] = token.split('.') as [string, string];
    const evil = Buffer.from(JSON.stringify({ k: 'c', m, u: 'https://evil.test/' })).toString('base64url');
    expect(verifyTrackingToken(secret, `${evil}.${mac}`)).toBeNull();
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    expect(verifyTrackingToken(secret, `${payload}.${flipped}`)).toBeNull();
    expect(verifyTrackingToken(secret, 'garbage')).toBeNull();
    expect(verifyTrackingToken(secret, `${token}.x`)).toBeNull();
  });

  it('never signs a destination that is not http(s)', () => {
    const forged = signTrackingToken(secret, { k: 'c', m, u: 'javascript:alert(1)' } as never);
    expect(verifyTrackingToken(secret, forged)).toBeNull();
  });
});
