import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-tenant lead-scoring models. Every training run adds a version (never updated), so a score
 * can always be traced to the weights and holdout metrics that produced it.
 */
export class LeadScoringModels1764301300000 implements MigrationInterface {
  name = 'LeadScoringModels1764301300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE lead_scoring_models (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      version int NOT NULL CHECK (version > 0),
      outcome text NOT NULL CHECK (outcome IN ('deal_won', 'replied')),
      features jsonb NOT NULL,
      standardiser jsonb NOT NULL,
      weights jsonb NOT NULL,
      metrics jsonb NOT NULL,
      training_samples int NOT NULL,
      holdout_samples int NOT NULL,
      positives int NOT NULL,
      negatives int NOT NULL,
      trained_by text NOT NULL,
      trained_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, version)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE lead_scoring_models`);
  }
}
