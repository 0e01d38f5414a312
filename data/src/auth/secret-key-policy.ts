import { createHash } from 'node:crypto';
import { ConfigError, type SecretKeyEnv } from '@cadenza/core';
import { parseSecretKey } from './secret-box';

/**
 * SHA-256 of keys that were ever published with Cadenza, so anyone could read what they seal:
 * the fallback docker-compose.yml used to hand the api and worker. Fingerprints rather than the
 * keys themselves, so this list does not republish them.
 */
const PUBLISHED_KEY_FINGERPRINTS = new Set(['f838f4b208ac4ba63d2f8e5dd2557111f52b8e4334bcaabe4d17af940284b91c']);

/** A random 32-byte key has about 30 distinct byte values; fewer than this is a pattern, not randomness. */
const MIN_DISTINCT_BYTES = 16;

const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex');

/** The shortest block the key is made of by repetition (its own length when it repeats nothing). */
function period(key: Buffer): number {
  for (let size = 1; size < key.length; size += 1) {
    if (key.length % size === 0 && key.every((byte, i) => byte === key[i % size])) return size;
  }
  return key.length;
}

/** Whether each byte is the previous plus a constant (00 01 02 …, ff fe fd …). */
const isCounting = (key: Buffer) =>
  key.every((byte, i) => i < 2 || (byte - key[i - 1]! - (key[1]! - key[0]!)) % 256 === 0);

/**
 * Why a key must not protect production data, or null when nothing is wrong with it. Catches
 * published keys, placeholders and keys made by hand (text, repeats, counting): real keys come
 * from `openssl rand -hex 32`, which none of these checks refuses in practice.
 */
export function secretKeyWeakness(key: Buffer): string | null {
  if (PUBLISHED_KEY_FINGERPRINTS.has(fingerprint(key))) return 'is a published key (the old docker-compose default)';
  if (period(key) < key.length) return 'repeats a short pattern';
  if (isCounting(key)) return 'is a counting sequence';
  if (new Set(key).size < MIN_DISTINCT_BYTES) return `has too little entropy (${new Set(key).size} distinct bytes)`;
  // 32 random bytes are all printable ASCII with a chance of about 1 in 10^13: this is a password, not a key.
  if (key.every((byte) => byte >= 0x20 && byte <= 0x7e)) return 'is printable text, not random bytes';
  return null;
}

/**
 * Reads CADENZA_SECRET_KEY's value. Production also refuses weak or published keys, since
 * everything the key seals (TOTP and mailbox secrets, tracking links) would be readable or
 * forgeable by anyone who knows it. The message leaves the variable name to the caller.
 */
export function readSecretKey(text: string, mode: { production: boolean }): Buffer {
  const key = parseSecretKey(text);
  const weakness = mode.production ? secretKeyWeakness(key) : null;
  if (weakness) {
    throw new Error(`the key ${weakness}; production needs a random key of its own (openssl rand -hex 32)`);
  }
  return key;
}

/**
 * The deployment's key from a parsed config, once per process at boot: null in development
 * without one (features that need it say so), a ConfigError naming CADENZA_SECRET_KEY when it is
 * missing in production or weak, so the process stops before it serves anything.
 */
export function secretKeyFrom(parsed: SecretKeyEnv, scope: string): Buffer | null {
  const production = parsed.NODE_ENV === 'production';
  if (!parsed.CADENZA_SECRET_KEY) {
    if (!production) return null;
    throw new ConfigError(scope, [
      'CADENZA_SECRET_KEY: required when NODE_ENV=production (32 bytes as 64 hex characters or base64, the same key for the API and the worker, e.g. `openssl rand -hex 32`)',
    ]);
  }
  try {
    return readSecretKey(parsed.CADENZA_SECRET_KEY, { production });
  } catch (error) {
    throw new ConfigError(scope, [`CADENZA_SECRET_KEY: ${(error as Error).message}`]);
  }
}
