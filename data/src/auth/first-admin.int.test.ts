import { connectTestDb } from '@cadenza/test-harness/integration';
import { createTenant, type DataSource } from '..';
import { ensureTenantAdmin } from './first-admin';
import { verifyPassword } from './passwords';

describe('ensureTenantAdmin', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(() => db?.destroy());

  it('creates the admin once and is a no-op on every later call, keeping the first password', async () => {
    const tenant = await createTenant(db, 'seeded');
    const email = `Seed-${Date.now()}@Example.com`;
    const first = await ensureTenantAdmin(db, { tenantId: tenant.id, email, password: 'first password 123' });
    const again = await ensureTenantAdmin(db, { tenantId: tenant.id, email, password: 'other password 456' });
    expect(first.createdAccount).toBe(true);
    expect(again).toEqual({ userId: first.userId, createdAccount: false });

    const [user] = (await db.query(`SELECT email, password_hash FROM users WHERE id = $1`, [first.userId])) as Array<{
      email: string;
      password_hash: string;
    }>;
    expect(user!.email).toBe(email.toLowerCase());
    await expect(verifyPassword(user!.password_hash, 'first password 123')).resolves.toBe(true);
    const memberships = await db.query(`SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [
      tenant.id,
      first.userId,
    ]);
    expect(memberships).toEqual([{ role: 'admin' }]);
  });

  it('refuses a weak password or a malformed email before writing anything', async () => {
    const tenant = await createTenant(db, 'seeded');
    await expect(
      ensureTenantAdmin(db, { tenantId: tenant.id, email: 'x@example.com', password: 'short' }),
    ).rejects.toThrow();
    await expect(
      ensureTenantAdmin(db, { tenantId: tenant.id, email: 'nope', password: 'long enough pw 1' }),
    ).rejects.toThrow();
    expect(await db.query(`SELECT 1 FROM memberships WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
  });
});
