import type { DataSource } from 'typeorm';
import { EmailSchema, NewPasswordSchema } from '@cadenza/core';
import { hashPassword } from './passwords';

/**
 * Makes sure a workspace has the given admin: creates the account if the email is new and
 * the admin membership if missing. Safe to call on every start (the launcher seeds the
 * development admin with it); an existing account keeps its password and an existing
 * member keeps their role.
 */
export async function ensureTenantAdmin(
  db: DataSource,
  input: { tenantId: string; email: string; password: string; name?: string },
): Promise<{ userId: string; createdAccount: boolean }> {
  const email = EmailSchema.parse(input.email);
  const password = NewPasswordSchema.parse(input.password);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (manager) => {
    const [created] = (await manager.query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, input.name ?? null, passwordHash],
    )) as Array<{ id: string }>;
    const [user] = created
      ? [created]
      : ((await manager.query(`SELECT id FROM users WHERE email = $1`, [email])) as Array<{ id: string }>);
    await manager.query(
      `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'admin') ON CONFLICT DO NOTHING`,
      [input.tenantId, user!.id],
    );
    return { userId: user!.id, createdAccount: Boolean(created) };
  });
}
