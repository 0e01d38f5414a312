import { randomBytes } from 'node:crypto';
import { base32Decode, base32Encode } from './base32';

describe('base32 (RFC 4648)', () => {
  it('matches the RFC 4648 test vectors, without padding', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(Buffer.from(base32Decode(encoded)).toString()).toBe(plain);
    }
  });

  it('round-trips random bytes and accepts padding and lower case', () => {
    const bytes = randomBytes(20);
    expect(Buffer.from(base32Decode(base32Encode(bytes)))).toEqual(bytes);
    expect(Buffer.from(base32Decode('mzxw6yq='))).toEqual(Buffer.from('foob'));
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => base32Decode('MZ1W')).toThrow(/invalid base32/);
  });
});
