import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-tenant template snippets (Handlebars partials), included in templates as {{> name}}. */
export class TemplateSnippets1764300951000 implements MigrationInterface {
  name = 'TemplateSnippets1764300951000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE template_snippets (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]{0,63}$'),
      body text NOT NULL,
      description text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, name)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE template_snippets`);
  }
}
