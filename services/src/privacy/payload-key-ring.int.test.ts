import { randomBytes, randomUUID } from 'node:crypto';
import { PayloadKeyErasedError, PayloadKeyMissingError } from '@cadenza/core';
import type { DataSource } from '@cadenza/data';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { createLocalKeyWrapper } from './local-key-wrapper';
import { PayloadKeyRing } from './payload-key-ring';

describe('PayloadKeyRing (PostgreSQL)', () => {
  let db: DataSource;
  const wrapper = createLocalKeyWrapper(randomBytes(32));
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(() => db.destroy());

  const contact = () => ({ kind: 'contact' as const, tenantId: randomUUID(), contactId: randomUUID() });

  it('makes one key per scope, stored wrapped, and finds it again from another process', async () => {
    const scope = contact();
    const [a, b] = await Promise.all([
      new PayloadKeyRing({ db, wrapper }).keyFor(scope),
      new PayloadKeyRing({ db, wrapper }).keyFor(scope),
    ]);
    expect(a.id).toBe(b.id);
    expect(a.key.equals(b.key)).toBe(true);
    const [row] = (await db.query(`SELECT wrapped_key, kek_id FROM payload_keys WHERE id = $1`, [a.id])) as Array<{
      wrapped_key: Buffer;
      kek_id: string;
    }>;
    expect(row!.kek_id).toBe(wrapper.kekId);
    expect(row!.wrapped_key.includes(a.key)).toBe(false);
    expect((await new PayloadKeyRing({ db, wrapper }).keyById(a.id)).key.equals(a.key)).toBe(true);
  });

  it('rotates: new payloads get version 2, version 1 still opens', async () => {
    const scope = contact();
    const ring = new PayloadKeyRing({ db, wrapper });
    const first = await ring.keyFor(scope);
    const second = await ring.rotate(scope);
    expect(second.version).toBe(2);
    expect((await new PayloadKeyRing({ db, wrapper }).keyFor(scope)).id).toBe(second.id);
    expect((await new PayloadKeyRing({ db, wrapper }).keyById(first.id)).key.equals(first.key)).toBe(true);
  });

  it('rotates by age on its own: a key past the rotation age gets a new version, the old one still opens', async () => {
    const scope = contact();
    const old = await new PayloadKeyRing({ db, wrapper }).keyFor(scope);
    expect((await new PayloadKeyRing({ db, wrapper }).keyFor(scope)).id).toBe(old.id);
    await db.query(`UPDATE payload_keys SET created_at = now() - interval '91 days' WHERE id = $1`, [old.id]);
    const fresh = await new PayloadKeyRing({ db, wrapper }).keyFor(scope);
    expect(fresh.version).toBe(old.version + 1);
    expect((await new PayloadKeyRing({ db, wrapper }).keyFor(scope)).id).toBe(fresh.id);
    expect((await new PayloadKeyRing({ db, wrapper }).keyById(old.id)).key.equals(old.key)).toBe(true);
  });

  it('gives a deployment with another KEK a key version of its own rather than one it cannot open', async () => {
    const scope = contact();
    const before = await new PayloadKeyRing({ db, wrapper }).keyFor(scope);
    const after = await new PayloadKeyRing({ db, wrapper: createLocalKeyWrapper(randomBytes(32)) }).keyFor(scope);
    expect(after.version).toBe(before.version + 1);
  });

  it('shreds a contact: every version answers "erased", in this process at once and in others, and no new key is made', async () => {
    const scope = contact();
    const ring = new PayloadKeyRing({ db, wrapper });
    const v1 = await ring.keyFor(scope);
    const v2 = await ring.rotate(scope);
    const other = contact();
    const untouched = await ring.keyFor({ ...other, tenantId: scope.tenantId });
    expect((await ring.shredContact(scope.tenantId, scope.contactId)).sort()).toEqual([v1.id, v2.id].sort());
    await expect(ring.keyById(v1.id)).rejects.toThrow(PayloadKeyErasedError);
    await expect(new PayloadKeyRing({ db, wrapper }).keyById(v2.id)).rejects.toThrow(/payload erased/);
    await expect(new PayloadKeyRing({ db, wrapper }).keyFor(scope)).rejects.toThrow(PayloadKeyErasedError);
    expect((await ring.keyById(untouched.id)).key.equals(untouched.key)).toBe(true);
  });

  it('answers "missing" for an id it never stored, and deleting a tenant deletes its keys', async () => {
    await expect(new PayloadKeyRing({ db, wrapper }).keyById(randomUUID())).rejects.toThrow(PayloadKeyMissingError);
    await expect(new PayloadKeyRing({ db, wrapper }).keyById('not-a-uuid')).rejects.toThrow(PayloadKeyMissingError);
    const [tenant] = (await db.query(`INSERT INTO tenants (name) VALUES ('Shredded tenant') RETURNING id`)) as Array<{
      id: string;
    }>;
    const key = await new PayloadKeyRing({ db, wrapper }).keyFor({ kind: 'tenant', tenantId: tenant!.id });
    await db.query(`DELETE FROM tenants WHERE id = $1`, [tenant!.id]);
    await expect(new PayloadKeyRing({ db, wrapper }).keyById(key.id)).rejects.toThrow(PayloadKeyMissingError);
  });
});
