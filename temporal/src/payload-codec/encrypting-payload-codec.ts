import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { payloadKeyScopeOf, type PayloadKeySource } from '@cadenza/core';

/** The `encoding` of a payload this codec encrypted; anything else is passed through as it is. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata names: which key (row id) and which version of its scope encrypted the payload. */
export const KEY_ID_METADATA = 'encryption-key-id';
export const KEY_VERSION_METADATA = 'encryption-key-version';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = (value: string) => new TextEncoder().encode(value);
const read = (bytes: Uint8Array | null | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

/** Whether a payload is one this codec encrypted (what the codec server and tests look for). */
export const isEncryptedPayload = (payload: Payload) => read(payload.metadata?.encoding) === ENCRYPTED_ENCODING;

/** The key id an encrypted payload names, or undefined for a plain one. */
export const keyIdOfPayload = (payload: Payload) =>
  isEncryptedPayload(payload) ? read(payload.metadata?.[KEY_ID_METADATA]) : undefined;

/**
 * Encrypts every payload Cadenza writes to Temporal with AES-256-GCM under a data key chosen by the
 * workflow the payload belongs to (the SDK's serialization context): a flow run's payloads under
 * its contact's key, other tenant workflows under the tenant's. The whole original payload
 * (metadata and data) is the plaintext, the key id is authenticated data, so neither can be
 * swapped or altered unnoticed. Payloads that are not encrypted (histories recorded before the
 * codec) decode as they are, so old runs still replay.
 */
export class EncryptingPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeySource) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const dataKey = await this.keys.keyFor(payloadKeyScopeOf(context?.workflowId));
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dataKey.key, iv);
      cipher.setAAD(Buffer.from(dataKey.id));
      const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return {
        metadata: {
          encoding: text(ENCRYPTED_ENCODING),
          [CIPHER_METADATA]: text(CIPHER),
          [KEY_ID_METADATA]: text(dataKey.id),
          [KEY_VERSION_METADATA]: text(String(dataKey.version)),
        },
        data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((payload) => this.decodeOne(payload)));
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    if (!isEncryptedPayload(payload)) return payload;
    const keyId = read(payload.metadata?.[KEY_ID_METADATA]);
    const data = payload.data;
    if (!keyId || !data || data.length < IV_BYTES + TAG_BYTES) {
      throw new Error('encrypted payload is malformed: it names no key or is too short to hold a GCM nonce and tag');
    }
    const dataKey = await this.keys.keyById(keyId);
    const decipher = createDecipheriv('aes-256-gcm', dataKey.key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(data.subarray(data.length - TAG_BYTES)));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new Error(
        `encrypted payload failed authentication under key ${keyId}: it was altered or names the wrong key`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
  }
}
