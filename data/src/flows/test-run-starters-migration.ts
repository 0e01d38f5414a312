import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who started each test run (issue 23): a test run belongs to the person who started it, who
 * may fast-forward its waits, pause and cancel it without `runs:manage`. A table of its own
 * because the run's row is written later by the run's projection, not by the API.
 */
export class TestRunStarters1764302600000 implements MigrationInterface {
  name = 'TestRunStarters1764302600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE test_run_starters (
         tenant_id uuid NOT NULL,
         enrollment_id uuid NOT NULL,
         user_id uuid NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, enrollment_id)
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE test_run_starters`);
  }
}
