import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-tenant ordered event log. `seq` comes from a per-tenant counter row whose lock
 * is held until commit, so a tenant's events commit in seq order with no gaps: a reader
 * that asks for "everything after seq N" can never miss one that commits late.
 */
export class DomainEventLog1764300150000 implements MigrationInterface {
  name = 'DomainEventLog1764300150000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE tenant_event_sequences (
      tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
      last_seq bigint NOT NULL
    )`);
    await db.query(`CREATE TABLE domain_events (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      type text NOT NULL,
      subject text NOT NULL,
      subject_id text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, seq)
    )`);
    await db.query(`CREATE INDEX domain_events_subject_idx ON domain_events (tenant_id, subject, subject_id, seq)`);
    await db.query(`CREATE INDEX domain_events_occurred_idx ON domain_events (occurred_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE domain_events`);
    await db.query(`DROP TABLE tenant_event_sequences`);
  }
}
