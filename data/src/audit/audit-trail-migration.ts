import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (issue 24): the client address of each entry, the security and
 * configuration verbs beside create/update/delete/read (the list is AUDIT_ACTIONS in core),
 * and an index on the time alone for the retention job, which deletes across tenants.
 */
export class AuditTrail1764302500000 implements MigrationInterface {
  name = 'AuditTrail1764302500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_log ADD COLUMN client_address text`);
    await db.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check`);
    await db.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (
      'create', 'update', 'delete', 'read', 'sign_in', 'sign_in_failed', 'sign_out', 'publish', 'pause',
      'resume', 'archive', 'export', 'erase', 'connect', 'disconnect', 'accept', 'decline', 'revoke'))`);
    await db.query(`CREATE INDEX audit_log_retention_idx ON audit_log (at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX audit_log_retention_idx`);
    await db.query(`DELETE FROM audit_log WHERE action NOT IN ('create', 'update', 'delete', 'read')`);
    await db.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check`);
    await db.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'delete', 'read'))`,
    );
    await db.query(`ALTER TABLE audit_log DROP COLUMN client_address`);
  }
}
