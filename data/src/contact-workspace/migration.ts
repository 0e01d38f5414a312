import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved contact views: a user's named filters, sort and columns for the contacts table.
 * Private to the user within one workspace; they go with the user or the workspace.
 */
export class ContactViews1764301000000 implements MigrationInterface {
  name = 'ContactViews1764301000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE contact_views (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      filters jsonb NOT NULL DEFAULT '{}',
      sort text NOT NULL,
      columns jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT contact_views_name_uq UNIQUE (tenant_id, user_id, name)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contact_views`);
  }
}
