import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys act with a role, like users, so RBAC covers server-to-server calls too. */
export class ApiKeyRoles1764300100000 implements MigrationInterface {
  name = 'ApiKeyRoles1764300100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_keys ADD COLUMN role text NOT NULL DEFAULT 'admin'
      CHECK (role IN ('admin', 'marketer', 'sales_rep', 'ops'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_keys DROP COLUMN role`);
  }
}
