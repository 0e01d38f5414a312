import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flows, their immutable published versions, and the projection of runs and step runs
 * (Temporal stays the source of truth; these rows serve fast lists and analytics).
 * flow_side_effects holds one row per performed side effect, keyed by
 * enrollment + node + visit, which is what makes a retried action a no-op.
 */
export class FlowEngine1764300500000 implements MigrationInterface {
  name = 'FlowEngine1764300500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE flows (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('sequence', 'automation', 'agent')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'archived')),
      draft jsonb NOT NULL DEFAULT '{}',
      latest_version int,
      archived_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX flows_tenant_idx ON flows (tenant_id, updated_at DESC)`);
    await db.query(`CREATE TABLE flow_versions (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      flow_id uuid NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
      version int NOT NULL CHECK (version > 0),
      definition jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (flow_id, version)
    )`);
    // Published versions are immutable: the database refuses any change to one.
    await db.query(`CREATE FUNCTION flow_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'flow versions are immutable once published'; END $$`);
    await db.query(`CREATE TRIGGER flow_versions_no_update BEFORE UPDATE ON flow_versions
      FOR EACH ROW EXECUTE FUNCTION flow_versions_immutable()`);
    await db.query(`CREATE TABLE flow_runs (
      enrollment_id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      workflow_id text NOT NULL,
      flow_id uuid NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
      flow_version int NOT NULL,
      contact_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'waiting', 'paused', 'failed', 'completed', 'unenrolled', 'cancelled')),
      current_node_id text,
      exit_reason text,
      test_mode boolean NOT NULL DEFAULT false,
      started_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    )`);
    await db.query(`CREATE INDEX flow_runs_flow_idx ON flow_runs (tenant_id, flow_id, started_at DESC)`);
    await db.query(`CREATE INDEX flow_runs_contact_idx ON flow_runs (tenant_id, contact_id, started_at DESC)`);
    await db.query(
      `CREATE INDEX flow_runs_node_idx ON flow_runs (tenant_id, flow_id, current_node_id) WHERE ended_at IS NULL`,
    );
    await db.query(`CREATE TABLE flow_step_runs (
      enrollment_id uuid NOT NULL REFERENCES flow_runs(enrollment_id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL,
      node_id text NOT NULL,
      node_type text NOT NULL,
      visit int NOT NULL,
      status text NOT NULL CHECK (status IN ('completed', 'failed', 'waiting', 'captured')),
      output text,
      result jsonb,
      error text,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      PRIMARY KEY (enrollment_id, node_id, visit)
    )`);
    await db.query(`CREATE TABLE flow_side_effects (
      key text PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      enrollment_id uuid NOT NULL,
      node_type text NOT NULL,
      captured boolean NOT NULL,
      result jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX flow_side_effects_enrollment_idx ON flow_side_effects (tenant_id, enrollment_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE flow_side_effects`);
    await db.query(`DROP TABLE flow_step_runs`);
    await db.query(`DROP TABLE flow_runs`);
    await db.query(`DROP TABLE flow_versions`);
    await db.query(`DROP FUNCTION flow_versions_immutable CASCADE`);
    await db.query(`DROP TABLE flows`);
  }
}
