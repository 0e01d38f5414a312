import { newTotpSecret, totpCode, totpUri, verifyTotp } from './totp';

describe('TOTP', () => {
  it('accepts the current code once and refuses its replay', async () => {
    const secret = newTotpSecret();
    const code = await totpCode(secret);
    const first = await verifyTotp(secret, code, null);
    expect(first.valid).toBe(true);
    if (!first.valid) return;
    expect(await verifyTotp(secret, code, first.step)).toEqual({ valid: false });
  });

  it('accepts the next step (clock drift) but not a code from two minutes ago', async () => {
    const secret = newTotpSecret();
    const now = Math.floor(Date.now() / 1000);
    expect((await verifyTotp(secret, await totpCode(secret, now + 30), null)).valid).toBe(true);
    expect((await verifyTotp(secret, await totpCode(secret, now - 120), null)).valid).toBe(false);
  });

  it('matches the RFC 6238 SHA-1 test vector', async () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s -> 94287082 (8 digits); 6 digits -> 287082
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(await totpCode(secret, 59)).toBe('287082');
  });

  it('builds an otpauth URL naming the issuer and account', () => {
    const url = totpUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'ann@example.com');
    expect(url.startsWith('otpauth://totp/')).toBe(true);
    expect(url).toContain('issuer=Cadenza');
    expect(url).toContain('secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });
});
