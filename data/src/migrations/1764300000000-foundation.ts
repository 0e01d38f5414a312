import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, their API keys, and the smoke-run table the end-to-end self-check writes. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE tenants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      name text NOT NULL,
      secret_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`);
    await db.query(`CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id)`);
    await db.query(`CREATE TABLE smoke_runs (
      workflow_id text PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      message text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX smoke_runs_tenant_idx ON smoke_runs (tenant_id, recorded_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE smoke_runs`);
    await db.query(`DROP TABLE api_keys`);
    await db.query(`DROP TABLE tenants`);
  }
}
