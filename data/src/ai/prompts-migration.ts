import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant-editable prompts (every edit is a new immutable version, so a step records exactly the
 * text it used) and per-tenant daily token budgets with the usage counted against them.
 */
export class AiPromptsAndBudgets1764300910000 implements MigrationInterface {
  name = 'AiPromptsAndBudgets1764300910000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE ai_prompts (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
      version int NOT NULL CHECK (version > 0),
      system text,
      template text NOT NULL,
      notes text,
      created_by_kind text NOT NULL,
      created_by_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, name, version)
    )`);
    // Versions are history: the database refuses to change one.
    await db.query(`CREATE FUNCTION ai_prompts_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'prompt versions are immutable; create a new version'; END $$`);
    await db.query(`CREATE TRIGGER ai_prompts_no_update BEFORE UPDATE ON ai_prompts
      FOR EACH ROW EXECUTE FUNCTION ai_prompts_immutable()`);
    await db.query(`CREATE TABLE ai_token_budgets (
      tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
      daily_tokens bigint NOT NULL CHECK (daily_tokens >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE ai_token_usage (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      day date NOT NULL,
      tokens bigint NOT NULL DEFAULT 0,
      calls int NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, day)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ai_token_usage`);
    await db.query(`DROP TABLE ai_token_budgets`);
    await db.query(`DROP TABLE ai_prompts`);
    await db.query(`DROP FUNCTION ai_prompts_immutable CASCADE`);
  }
}
