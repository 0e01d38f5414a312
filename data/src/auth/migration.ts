import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users (global), their memberships in workspaces, and browser sessions. */
export class UsersAndSessions1764300200000 implements MigrationInterface {
  name = 'UsersAndSessions1764300200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      name text CHECK (length(name) BETWEEN 1 AND 200),
      password_hash text NOT NULL,
      totp_secret_encrypted text,
      totp_enabled boolean NOT NULL DEFAULT false CHECK (NOT totp_enabled OR totp_secret_encrypted IS NOT NULL),
      totp_last_step bigint,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE memberships (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'marketer', 'sales_rep', 'ops')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, user_id)
    )`);
    await db.query(`CREATE INDEX memberships_user_idx ON memberships (user_id, created_at)`);
    await db.query(`CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await db.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE memberships`);
    await db.query(`DROP TABLE users`);
  }
}
