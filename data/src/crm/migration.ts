import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM tables. Every table's primary key is (tenant_id, id) and every reference is a
 * composite foreign key through tenant_id, so a row can never point at another tenant's
 * row, and every index leads with tenant_id (btree_gin lets the GIN indexes do so too).
 *
 * owner_id / assignee_id are user ids WITHOUT a foreign key: users arrive with the auth
 * area, and a user removed later must not take CRM records with them.
 */
export class CrmCore1764300300000 implements MigrationInterface {
  name = 'CrmCore1764300300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await db.query(`CREATE TABLE companies (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name text NOT NULL,
      domain text,
      industry text,
      size integer CHECK (size >= 0),
      owner_id uuid, -- no FK: see the class comment
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )`);
    await db.query(`CREATE INDEX companies_created_idx ON companies (tenant_id, created_at, id)`);
    await db.query(`CREATE INDEX companies_name_idx ON companies (tenant_id, lower(name))`);
    await db.query(`CREATE INDEX companies_owner_idx ON companies (tenant_id, owner_id)`);

    // company_name is a copy of companies.name so search needs no join; the repository
    // rewrites it in the same transaction whenever a contact's company or its name changes.
    await db.query(`CREATE TABLE contacts (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      first_name text,
      last_name text,
      email text,
      phone text,
      title text,
      company_id uuid,
      company_name text,
      owner_id uuid, -- no FK: see the class comment
      lifecycle_stage text CHECK (lifecycle_stage IN ('subscriber', 'lead', 'marketing_qualified_lead',
        'sales_qualified_lead', 'opportunity', 'customer', 'evangelist', 'other')),
      lead_status text CHECK (lead_status IN ('new', 'open', 'in_progress', 'open_deal', 'unqualified',
        'attempted_to_contact', 'connected', 'bad_timing')),
      source text,
      timezone text,
      tags text[] NOT NULL DEFAULT '{}',
      score integer NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
      custom_fields jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- 'simple' (no stemming) suits names; the email is indexed whole and split at @ and dots.
      search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
        coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' ||
        translate(coalesce(email, ''), '@.', '  ') || ' ' || coalesce(company_name, ''))) STORED,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, company_id) REFERENCES companies (tenant_id, id) ON DELETE SET NULL (company_id)
    )`);
    await db.query(
      `CREATE UNIQUE INDEX contacts_email_uq ON contacts (tenant_id, lower(email)) WHERE email IS NOT NULL`,
    );
    await db.query(`CREATE INDEX contacts_search_idx ON contacts USING gin (tenant_id, search)`);
    await db.query(`CREATE INDEX contacts_tags_idx ON contacts USING gin (tenant_id, tags)`);
    await db.query(`CREATE INDEX contacts_custom_idx ON contacts USING gin (tenant_id, custom_fields jsonb_path_ops)`);
    // Keyset orderings: (tenant, sort key, id), each scanned either way.
    await db.query(`CREATE INDEX contacts_created_idx ON contacts (tenant_id, created_at, id)`);
    await db.query(`CREATE INDEX contacts_updated_idx ON contacts (tenant_id, updated_at, id)`);
    await db.query(`CREATE INDEX contacts_score_idx ON contacts (tenant_id, score, id)`);
    await db.query(`CREATE INDEX contacts_last_name_idx ON contacts (tenant_id, (coalesce(lower(last_name), '')), id)`);
    await db.query(`CREATE INDEX contacts_email_sort_idx ON contacts (tenant_id, (coalesce(lower(email), '')), id)`);
    await db.query(`CREATE INDEX contacts_owner_idx ON contacts (tenant_id, owner_id, created_at)`);
    await db.query(`CREATE INDEX contacts_company_idx ON contacts (tenant_id, company_id)`);
    await db.query(`CREATE INDEX contacts_stage_idx ON contacts (tenant_id, lifecycle_stage)`);
    await db.query(`CREATE INDEX contacts_status_idx ON contacts (tenant_id, lead_status)`);

    await db.query(`CREATE TABLE pipelines (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )`);
    await db.query(`CREATE TABLE pipeline_stages (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      pipeline_id uuid NOT NULL,
      name text NOT NULL,
      probability integer CHECK (probability BETWEEN 0 AND 100),
      position integer NOT NULL CHECK (position >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, pipeline_id, id),
      FOREIGN KEY (tenant_id, pipeline_id) REFERENCES pipelines (tenant_id, id) ON DELETE CASCADE
    )`);
    await db.query(`CREATE INDEX pipeline_stages_order_idx ON pipeline_stages (tenant_id, pipeline_id, position)`);

    // A deal's stage must belong to its pipeline: the composite key enforces it.
    await db.query(`CREATE TABLE deals (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name text NOT NULL,
      amount numeric(15, 2) CHECK (amount >= 0),
      currency char(3) NOT NULL DEFAULT 'USD',
      pipeline_id uuid NOT NULL,
      stage_id uuid NOT NULL,
      contact_id uuid,
      company_id uuid,
      owner_id uuid, -- no FK: see the class comment
      close_date date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, pipeline_id, stage_id) REFERENCES pipeline_stages (tenant_id, pipeline_id, id),
      FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (contact_id),
      FOREIGN KEY (tenant_id, company_id) REFERENCES companies (tenant_id, id) ON DELETE SET NULL (company_id)
    )`);
    await db.query(`CREATE INDEX deals_created_idx ON deals (tenant_id, created_at, id)`);
    await db.query(`CREATE INDEX deals_stage_idx ON deals (tenant_id, pipeline_id, stage_id)`);
    await db.query(`CREATE INDEX deals_owner_idx ON deals (tenant_id, owner_id)`);
    await db.query(`CREATE INDEX deals_contact_idx ON deals (tenant_id, contact_id)`);
    await db.query(`CREATE INDEX deals_company_idx ON deals (tenant_id, company_id)`);

    await db.query(`CREATE TABLE tasks (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      title text NOT NULL,
      due_at timestamptz,
      done boolean NOT NULL DEFAULT false,
      contact_id uuid,
      deal_id uuid,
      assignee_id uuid, -- no FK: see the class comment
      created_by_kind text NOT NULL CHECK (created_by_kind IN ('user', 'flow')),
      created_by_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (contact_id),
      FOREIGN KEY (tenant_id, deal_id) REFERENCES deals (tenant_id, id) ON DELETE SET NULL (deal_id)
    )`);
    await db.query(`CREATE INDEX tasks_created_idx ON tasks (tenant_id, created_at, id)`);
    await db.query(`CREATE INDEX tasks_assignee_idx ON tasks (tenant_id, assignee_id, done, due_at)`);
    await db.query(`CREATE INDEX tasks_contact_idx ON tasks (tenant_id, contact_id)`);
    await db.query(`CREATE INDEX tasks_deal_idx ON tasks (tenant_id, deal_id)`);

    await db.query(`CREATE TABLE notes (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      contact_id uuid NOT NULL,
      body text NOT NULL,
      author_kind text NOT NULL,
      author_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
    )`);
    await db.query(`CREATE INDEX notes_contact_idx ON notes (tenant_id, contact_id, created_at, id)`);
    await db.query(`CREATE INDEX notes_created_idx ON notes (tenant_id, created_at, id)`);

    await db.query(`CREATE TABLE timeline_entries (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      contact_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('email_sent', 'email_opened', 'email_clicked', 'email_replied',
        'stage_changed', 'note', 'enrolled', 'unenrolled', 'ai_action', 'task', 'field_changed')),
      summary text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      actor_kind text NOT NULL,
      actor_id text,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
    )`);
    await db.query(`CREATE INDEX timeline_contact_idx ON timeline_entries (tenant_id, contact_id, occurred_at, id)`);

    await db.query(`CREATE TABLE custom_field_definitions (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      key text NOT NULL,
      label text NOT NULL,
      type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'select')),
      options jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, key)
    )`);

    await db.query(`CREATE TABLE audit_log (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id bigint GENERATED ALWAYS AS IDENTITY,
      actor_kind text NOT NULL,
      actor_id text,
      action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
      entity text NOT NULL,
      entity_id text NOT NULL,
      before jsonb,
      after jsonb,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON audit_log (tenant_id, entity, entity_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'custom_field_definitions',
      'timeline_entries',
      'notes',
      'tasks',
      'deals',
      'pipeline_stages',
      'pipelines',
      'contacts',
      'companies',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
