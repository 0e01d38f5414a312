import { randomUUID } from 'node:crypto';
import { connectTestDb } from '@cadenza/test-harness/integration';
import type { DataSource } from 'typeorm';
import { ensureTenantAdmin } from '../auth/first-admin';
import { createTenant } from '../tenants';
import { consumeOAuthState, createOAuthState } from './mail-oauth-repository';

/** A connect's state finishes once, for the user and tenant that started it, before it expires. */
describe('mailbox OAuth states', () => {
  let db: DataSource;
  let tenantId: string;
  let ana: string;
  let bob: string;
  const key = Buffer.alloc(32, 3);

  beforeAll(async () => {
    db = await connectTestDb();
    tenantId = (await createTenant(db, 'oauth states')).id;
    const admin = (name: string) =>
      ensureTenantAdmin(db, {
        tenantId,
        email: `${name}-${randomUUID()}@acme.test`,
        password: 'a-long-enough-password-1',
      });
    ana = (await admin('ana')).userId;
    bob = (await admin('bob')).userId;
  });
  afterAll(() => db?.destroy());

  const start = async (userId: string | null, expiresInMs = 600_000) => {
    const stateHash = randomUUID();
    await createOAuthState(db, key, {
      stateHash,
      expiresAt: new Date(Date.now() + expiresInMs),
      tenantId,
      userId,
      kind: 'gmail',
      mailboxId: null,
      personal: userId !== null,
      verifier: 'the-verifier',
    });
    return stateHash;
  };

  it("is another user's to finish only for that user, once", async () => {
    const hash = await start(ana);
    expect(await consumeOAuthState(db, key, hash, { tenantId, userId: bob })).toEqual({ status: 'other_principal' });
    expect(await consumeOAuthState(db, key, hash, { tenantId, userId: null })).toEqual({ status: 'other_principal' });
    // Bob's attempt did not spend it.
    expect(await consumeOAuthState(db, key, hash, { tenantId, userId: ana })).toEqual({
      status: 'ok',
      state: { tenantId, userId: ana, kind: 'gmail', mailboxId: null, personal: true, verifier: 'the-verifier' },
    });
    expect(await consumeOAuthState(db, key, hash, { tenantId, userId: ana })).toEqual({ status: 'used' });
  });

  it('expires, and keeps only the verifier sealed', async () => {
    const hash = await start(bob, -1000);
    expect(await consumeOAuthState(db, key, hash, { tenantId, userId: bob })).toEqual({ status: 'expired' });
    expect(await consumeOAuthState(db, key, 'never-issued', { tenantId, userId: bob })).toEqual({ status: 'unknown' });
    const [row] = (await db.query(`SELECT verifier_sealed FROM mailbox_oauth_states WHERE state_hash = $1`, [
      hash,
    ])) as Array<{ verifier_sealed: string }>;
    expect(row!.verifier_sealed).not.toContain('the-verifier');
  });
});
