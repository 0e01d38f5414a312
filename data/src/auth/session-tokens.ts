import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits: unguessable, so a fast hash is enough to store the token. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');
export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Constant-time comparison, so timing does not leak how much of a token matched. */
export function tokensEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
