import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, parseSecretKey } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the plaintext', () => {
    const sealed = encryptSecret(key, 'JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(decryptSecret(key, sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret(key, 'same')).not.toBe(encryptSecret(key, 'same'));
  });

  it('refuses a wrong key and a tampered ciphertext', () => {
    const sealed = encryptSecret(key, 'secret');
    expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('secreT').toString('base64url');
    expect(() => decryptSecret(key, parts.join('.'))).toThrow();
  });

  it('parses keys as hex or base64 and rejects other lengths', () => {
    const raw = randomBytes(32);
    expect(parseSecretKey(raw.toString('hex'))).toEqual(raw);
    expect(parseSecretKey(raw.toString('base64'))).toEqual(raw);
    expect(() => parseSecretKey('too-short')).toThrow(/32 bytes/);
  });
});
