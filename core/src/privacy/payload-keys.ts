import type { PayloadKeyScope } from './payload-key-scope';

/** One version of a data key, opened (unwrapped) for use. */
export interface DataKey {
  /** The key row's id, written into each payload it encrypts. */
  id: string;
  version: number;
  /** 32 bytes of AES-256 key. */
  key: Buffer;
}

/**
 * Where the payload codec gets its keys: the newest key of a scope to encrypt with (made on first
 * use), and any key by id to decrypt with, old versions included until they are retired.
 */
export interface PayloadKeySource {
  keyFor(scope: PayloadKeyScope): Promise<DataKey>;
  /** Throws PayloadKeyErasedError when the key was destroyed, PayloadKeyMissingError when it never existed here. */
  keyById(id: string): Promise<DataKey>;
}

/**
 * The payload's key was destroyed by a GDPR erase (or its tenant was deleted): what it encrypted
 * is gone for good. A replay, query or decode of such a run fails with this, never with garbage.
 */
export class PayloadKeyErasedError extends Error {
  constructor(
    readonly keyId: string,
    readonly shreddedAt: Date,
  ) {
    super(`payload erased: its data key ${keyId} was destroyed on ${shreddedAt.toISOString()} (GDPR erase)`);
    this.name = 'PayloadKeyErasedError';
  }
}

/** No key with this id exists in this deployment's key store (another deployment's payload, or a deleted tenant). */
export class PayloadKeyMissingError extends Error {
  constructor(readonly keyId: string) {
    super(
      `payload key ${keyId} does not exist here: its tenant was deleted or the payload comes from another deployment`,
    );
    this.name = 'PayloadKeyMissingError';
  }
}
