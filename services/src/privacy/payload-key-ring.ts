import { randomBytes } from 'node:crypto';
import {
  PayloadKeyErasedError,
  PayloadKeyMissingError,
  payloadKeyScopeLabel,
  type DataKey,
  type PayloadKeyScope,
  type PayloadKeySource,
} from '@cadenza/core';
import {
  findNewestPayloadKey,
  findPayloadKeyById,
  insertPayloadKey,
  markPayloadKeysRotated,
  shredContactPayloadKeys,
  type DataSource,
  type StoredPayloadKey,
} from '@cadenza/data';
import { BoundedTtlCache } from './bounded-ttl-cache';
import type { KeyWrapper } from './key-wrapper';

export interface PayloadKeyRingOptions {
  db: DataSource;
  wrapper: KeyWrapper;
  /** Opened keys kept in memory; a flow worker touches one per contact it runs. */
  maxCachedKeys?: number;
  /** How long an opened key is used before the store is asked again (a shred elsewhere takes effect after this). */
  cacheTtlMs?: number;
  /** A scope's key older than this gets a new version for new payloads (older versions keep decrypting). */
  maxKeyAgeMs?: number;
}

/** Data keys are rotated every 90 days, like the KMS key-encryption key. */
export const DEFAULT_MAX_KEY_AGE_MS = 90 * 24 * 60 * 60 * 1000;

const DATA_KEY_BYTES = 32;

/**
 * The data keys of Temporal payloads: made on first use per scope, stored wrapped by the KEK,
 * opened once and kept for a bounded time. Old versions stay readable after a rotation, so old
 * histories still replay; a shredded key answers "erased" for good.
 */
export class PayloadKeyRing implements PayloadKeySource {
  private readonly byScope: BoundedTtlCache<DataKey>;
  private readonly byId: BoundedTtlCache<DataKey>;

  constructor(private readonly options: PayloadKeyRingOptions) {
    const max = options.maxCachedKeys ?? 10_000;
    const ttl = options.cacheTtlMs ?? 60_000;
    this.byScope = new BoundedTtlCache(max, ttl);
    this.byId = new BoundedTtlCache(max, ttl);
  }

  async keyFor(scope: PayloadKeyScope): Promise<DataKey> {
    const label = payloadKeyScopeLabel(scope);
    const cached = this.byScope.get(label);
    if (cached) return cached;
    const key = await this.open(await this.newestUnderCurrentKek(scope));
    this.byScope.set(label, key);
    return key;
  }

  /**
   * The newest key of a scope, or a new version when there is none, when the newest is older than
   * the rotation age, or when it was wrapped by another KEK (the deployment moved to KMS, or changed
   * its secret key): new payloads always get a fresh key this process can open. Another process
   * may store the same version first; then that one is used.
   */
  private async newestUnderCurrentKek(scope: PayloadKeyScope): Promise<StoredPayloadKey> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const newest = await findNewestPayloadKey(this.options.db, scope);
      if (newest?.shreddedAt) throw new PayloadKeyErasedError(newest.id, newest.shreddedAt);
      if (newest && this.usable(newest)) return newest;
      const stored = await this.store(scope, (newest?.version ?? 0) + 1);
      if (this.usable(stored) || stored.shreddedAt) return stored;
    }
    throw new Error(
      `could not store a data key for ${payloadKeyScopeLabel(scope)}: other processes keep storing theirs`,
    );
  }

  async keyById(id: string): Promise<DataKey> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const stored = await findPayloadKeyById(this.options.db, id);
    if (!stored) throw new PayloadKeyMissingError(id);
    return this.open(stored);
  }

  /** Starts a new key version for a scope; the older ones keep decrypting what they encrypted. */
  async rotate(scope: PayloadKeyScope): Promise<DataKey> {
    const newest = await findNewestPayloadKey(this.options.db, scope);
    if (newest?.shreddedAt) throw new PayloadKeyErasedError(newest.id, newest.shreddedAt);
    await markPayloadKeysRotated(this.options.db, scope);
    const key = await this.open(await this.store(scope, (newest?.version ?? 0) + 1));
    this.byScope.set(payloadKeyScopeLabel(scope), key);
    return key;
  }

  /** Crypto-shreds a contact's keys (GDPR erase) and forgets them here at once. Returns the destroyed key ids. */
  async shredContact(tenantId: string, contactId: string): Promise<string[]> {
    const ids = await shredContactPayloadKeys(this.options.db, tenantId, contactId);
    this.byScope.delete(payloadKeyScopeLabel({ kind: 'contact', tenantId, contactId }));
    for (const id of ids) this.byId.delete(id);
    return ids;
  }

  /** The stored row of a key (scope columns included), for the codec server's tenant check. */
  describe(id: string): Promise<StoredPayloadKey | null> {
    return findPayloadKeyById(this.options.db, id);
  }

  /** Whether new payloads may be encrypted with this stored key: wrapped by this KEK and young enough. */
  private usable(key: StoredPayloadKey): boolean {
    const maxAge = this.options.maxKeyAgeMs ?? DEFAULT_MAX_KEY_AGE_MS;
    return key.kekId === this.options.wrapper.kekId && Date.now() - key.createdAt.getTime() < maxAge;
  }

  private async store(scope: PayloadKeyScope, version: number): Promise<StoredPayloadKey> {
    const wrapper = this.options.wrapper;
    const wrappedKey = await wrapper.wrap(randomBytes(DATA_KEY_BYTES));
    return insertPayloadKey(this.options.db, scope, { version, wrappedKey, kekId: wrapper.kekId });
  }

  private async open(stored: StoredPayloadKey): Promise<DataKey> {
    if (!stored.wrappedKey || stored.shreddedAt) {
      throw new PayloadKeyErasedError(stored.id, stored.shreddedAt ?? new Date(0));
    }
    const key: DataKey = {
      id: stored.id,
      version: stored.version,
      key: await this.options.wrapper.unwrap(stored.wrappedKey, stored.kekId),
    };
    this.byId.set(key.id, key);
    return key;
  }
}
