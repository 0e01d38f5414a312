import { randomBytes, randomUUID } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  PayloadKeyErasedError,
  payloadKeyScopeLabel,
  type DataKey,
  type PayloadKeyScope,
  type PayloadKeySource,
  enrollmentWorkflowId,
} from '@cadenza/core';
import { EncryptingPayloadCodec, isEncryptedPayload, keyIdOfPayload } from './encrypting-payload-codec';

/** Keys in memory, one per scope label; `erase` destroys one as a GDPR erase would. */
class MemoryKeys implements PayloadKeySource {
  readonly scopes = new Map<string, DataKey>();
  readonly erased = new Set<string>();
  async keyFor(scope: PayloadKeyScope): Promise<DataKey> {
    const label = payloadKeyScopeLabel(scope);
    if (!this.scopes.has(label)) this.scopes.set(label, { id: randomUUID(), version: 1, key: randomBytes(32) });
    return this.scopes.get(label)!;
  }
  async keyById(id: string): Promise<DataKey> {
    if (this.erased.has(id)) throw new PayloadKeyErasedError(id, new Date('2026-12-07T00:00:00Z'));
    const key = [...this.scopes.values()].find((k) => k.id === id);
    if (!key) throw new Error(`no key ${id}`);
    return key;
  }
}

const tenantId = randomUUID();
const contactId = randomUUID();
const runContext = {
  type: 'workflow' as const,
  namespace: 'default',
  workflowId: enrollmentWorkflowId(tenantId, randomUUID(), contactId),
};
const contact = { firstName: 'Ada', email: 'ada.lovelace@example.com' };
const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const bytesOf = (payload: Payload) => Buffer.from(payload.data ?? []).toString('latin1');

describe('EncryptingPayloadCodec', () => {
  it("encrypts a flow run's payload under its contact's key, naming the key and version, and decodes it back", async () => {
    const keys = new MemoryKeys();
    const codec = new EncryptingPayloadCodec(keys);
    const [encoded] = await codec.encode([plain(contact)], runContext);
    expect(isEncryptedPayload(encoded!)).toBe(true);
    expect(bytesOf(encoded!)).not.toContain('ada.lovelace');
    expect(bytesOf(encoded!)).not.toContain('json/plain');
    expect(keyIdOfPayload(encoded!)).toBe(keys.scopes.get(`contact:${tenantId}:${contactId}`)!.id);
    expect(Buffer.from(encoded!.metadata!['encryption-key-version']!).toString()).toBe('1');
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(contact);
  });

  it('uses the platform key for payloads outside any workflow, and a fresh nonce each time', async () => {
    const keys = new MemoryKeys();
    const codec = new EncryptingPayloadCodec(keys);
    const [a, b] = await codec.encode([plain('same'), plain('same')]);
    expect(keyIdOfPayload(a!)).toBe(keys.scopes.get('platform')!.id);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('passes plain payloads (histories recorded before the codec) through unchanged', async () => {
    const codec = new EncryptingPayloadCodec(new MemoryKeys());
    const old = plain({ recorded: 'before' });
    expect(await codec.decode([old])).toEqual([old]);
  });

  it('refuses a payload whose bytes or key id were altered', async () => {
    const keys = new MemoryKeys();
    const codec = new EncryptingPayloadCodec(keys);
    const [encoded] = await codec.encode([plain(contact)], runContext);
    const flipped = Buffer.from(encoded!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...encoded!, data: flipped }])).rejects.toThrow(/failed authentication/);
    // Another scope's key, named in the metadata: the key id is authenticated data.
    const other = await keys.keyFor({ kind: 'tenant', tenantId });
    const swapped = { ...encoded!, metadata: { ...encoded!.metadata, 'encryption-key-id': Buffer.from(other.id) } };
    await expect(codec.decode([swapped])).rejects.toThrow(/failed authentication/);
    await expect(codec.decode([{ ...encoded!, data: new Uint8Array(10) }])).rejects.toThrow(/malformed/);
  });

  it("answers 'erased' once the contact's key is destroyed, never garbage", async () => {
    const keys = new MemoryKeys();
    const codec = new EncryptingPayloadCodec(keys);
    const [encoded] = await codec.encode([plain(contact)], runContext);
    keys.erased.add(keyIdOfPayload(encoded!)!);
    await expect(codec.decode([encoded!])).rejects.toThrow(PayloadKeyErasedError);
    await expect(codec.decode([encoded!])).rejects.toThrow(/payload erased: its data key .* was destroyed/);
  });
});
