import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyWrapper } from './key-wrapper';
import { KeyWrapperError } from './key-wrapper-error';

/** HKDF info of the KEK: a key of its own, so nothing else sealed with CADENZA_SECRET_KEY shares it. */
export const LOCAL_KEK_INFO = 'cadenza payload kek v1';

const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** A name for the KEK that says nothing about it: a labelled hash of the derived KEK, never of the secret key. */
const fingerprintOf = (kek: Buffer) =>
  createHash('sha256').update('cadenza kek fingerprint v1\0').update(kek).digest('hex').slice(0, 16);

// The KEK id is authenticated with each wrapped key, so bytes moved between deployments fail to open.
const aadOf = (kekId: string) => Buffer.from(`cadenza payload data key\0${kekId}`);

/**
 * The development and Compose key-encryption key: AES-256-GCM under a key derived from the
 * deployment's 32-byte CADENZA_SECRET_KEY with HKDF-SHA256. Its id changes when the secret key
 * does, so keys wrapped under an earlier secret key fail by name instead of as garbage.
 * Wrapped form: 0x01 | IV (12) | ciphertext (32) | GCM tag (16).
 */
export function createLocalKeyWrapper(secretKey: Buffer): KeyWrapper {
  if (secretKey.length !== 32)
    throw new Error(`the local KEK needs a 32-byte secret key, got ${secretKey.length} bytes`);
  const kek = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), LOCAL_KEK_INFO, 32));
  const kekId = `local:${fingerprintOf(kek)}`;
  return {
    kekId,
    async wrap(dataKey) {
      if (dataKey.length !== DATA_KEY_BYTES)
        throw new KeyWrapperError(
          `${kekId}: a data key is ${DATA_KEY_BYTES} bytes, got ${dataKey.length}`,
          kekId,
          false,
        );
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(aadOf(kekId));
      const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, sealed, cipher.getAuthTag()]);
    },
    async unwrap(wrapped, wrappedBy) {
      if (wrappedBy !== kekId)
        throw new KeyWrapperError(
          `data key wrapped by KEK ${wrappedBy} cannot be opened with ${kekId} (a different CADENZA_SECRET_KEY, or a KMS key)`,
          wrappedBy,
          false,
        );
      if (wrapped.length !== 1 + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES || wrapped[0] !== FORMAT_V1)
        throw new KeyWrapperError(
          `${kekId}: wrapped data key has an unknown format (${wrapped.length} bytes)`,
          kekId,
          false,
        );
      const iv = wrapped.subarray(1, 1 + IV_BYTES);
      const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', kek, iv).setAAD(aadOf(kekId)).setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(wrapped.subarray(1 + IV_BYTES, wrapped.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new KeyWrapperError(`${kekId}: wrapped data key failed authentication (altered bytes)`, kekId, false);
      }
    },
  };
}
