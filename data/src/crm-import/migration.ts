import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV imports: one row per import with its live counts, and the parsed rows of the file,
 * each with its outcome once processed. Keeping the rows (not only the text) lets the
 * workflow's batches read a slice by position, and lets a retried batch skip rows already done.
 */
export class CrmImports1764300600000 implements MigrationInterface {
  name = 'CrmImports1764300600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE imports (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
      file_name text,
      columns jsonb NOT NULL,
      mapping jsonb NOT NULL,
      total integer NOT NULL CHECK (total >= 0),
      done integer NOT NULL DEFAULT 0,
      created integer NOT NULL DEFAULT 0,
      updated integer NOT NULL DEFAULT 0,
      failed integer NOT NULL DEFAULT 0,
      workflow_id text NOT NULL,
      created_by_kind text NOT NULL,
      created_by_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )`);
    await db.query(`CREATE INDEX imports_created_idx ON imports (tenant_id, created_at, id)`);
    // cells: the row's cells in header order (a JSON array), so duplicate headers survive.
    await db.query(`CREATE TABLE import_rows (
      tenant_id uuid NOT NULL,
      import_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 0),
      line integer NOT NULL,
      cells jsonb NOT NULL,
      outcome text CHECK (outcome IN ('created', 'updated', 'failed')),
      error text,
      PRIMARY KEY (tenant_id, import_id, position),
      FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, id) ON DELETE CASCADE
    )`);
    await db.query(
      `CREATE INDEX import_rows_failed_idx ON import_rows (tenant_id, import_id, line) WHERE outcome = 'failed'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE import_rows`);
    await db.query(`DROP TABLE imports`);
  }
}
