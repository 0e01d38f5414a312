import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createBase32Plugin, createCryptoPlugin } from '@otplib/core';
import { generate, verify } from '@otplib/totp';
import { generateTOTP } from '@otplib/uri';
import { base32Decode, base32Encode } from './base32';

/**
 * TOTP through otplib v13's own packages with Node's crypto. The `otplib` umbrella package
 * loads ESM-only defaults (@scure/base, @noble/hashes) that jest on Node 20 cannot require.
 */
const crypto = createCryptoPlugin({
  name: 'node',
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  constantTimeEqual: (a, b) => {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  },
});
const base32 = createBase32Plugin({ name: 'rfc4648', encode: base32Encode, decode: base32Decode });

/** The name authenticator apps show next to the code. */
export const TOTP_ISSUER = 'Cadenza';

/** 20 random bytes (160 bits), RFC 4226's recommended secret size. */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

export const totpUri = (secret: string, email: string): string =>
  generateTOTP({ issuer: TOTP_ISSUER, label: email, secret });

/** The code an authenticator shows now (or at `epochSeconds`); used by tests and tools. */
export const totpCode = (secret: string, epochSeconds?: number): Promise<string> =>
  generate({ secret, crypto, base32, ...(epochSeconds === undefined ? {} : { epoch: epochSeconds }) });

/**
 * Checks a code, allowing one 30 s step of clock drift either way, and refusing any step at
 * or before the last one accepted: a code that was seen once cannot be used again.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<{ valid: true; step: number } | { valid: false }> {
  const result = await verify({
    secret,
    token: code,
    crypto,
    base32,
    epochTolerance: 30,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid ? { valid: true, step: result.timeStep } : { valid: false };
}
