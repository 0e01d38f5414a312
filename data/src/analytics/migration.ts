import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the analytics queries lean on: a flow's messages are found through their run
 * (messages had no index by enrollment), and rep activity scans the audit log by time.
 */
export class AnalyticsIndexes1764301050000 implements MigrationInterface {
  name = 'AnalyticsIndexes1764301050000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX messages_enrollment_idx ON messages (tenant_id, enrollment_id) WHERE enrollment_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX audit_log_at_idx ON audit_log (tenant_id, entity, at)`);
    await db.query(`CREATE INDEX flow_step_runs_type_idx ON flow_step_runs (tenant_id, node_type, started_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX flow_step_runs_type_idx`);
    await db.query(`DROP INDEX audit_log_at_idx`);
    await db.query(`DROP INDEX messages_enrollment_idx`);
  }
}
