import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sending identity (issue 21): rotation pools (a named set of workspace mailboxes a flow sends
 * from in turn) and, on each message, how its sender was chosen and why that choice fell back
 * (the owner has no mailbox, a chosen mailbox or pool was deleted). A user's own mailbox is one
 * whose owner_user_id is set (the column came with the sync); the workspace default is chosen
 * among the workspace's mailboxes only, so a user's own mailbox never becomes it.
 */
export class MailboxIdentity1764301930000 implements MigrationInterface {
  name = 'MailboxIdentity1764301930000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE mailbox_pools (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, name)
    )`);
    await db.query(`CREATE TABLE mailbox_pool_members (
      pool_id uuid NOT NULL REFERENCES mailbox_pools(id) ON DELETE CASCADE,
      mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      PRIMARY KEY (pool_id, mailbox_id)
    )`);
    await db.query(`CREATE INDEX mailboxes_owner_idx ON mailboxes (tenant_id, owner_user_id)`);
    await db.query(`ALTER TABLE messages
      ADD COLUMN sender_source text CHECK (sender_source IN ('workspace', 'owner', 'mailbox', 'pool', 'thread')),
      ADD COLUMN sender_fallback text CHECK (length(sender_fallback) <= 500)`);
    // A pool keeps a contact's run on one member: the run's last email from the pool is looked up by enrollment.
    await db.query(
      `CREATE INDEX messages_enrollment_mailbox_idx ON messages (enrollment_id, created_at DESC) WHERE mailbox_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX messages_enrollment_mailbox_idx`);
    await db.query(`ALTER TABLE messages DROP COLUMN sender_source, DROP COLUMN sender_fallback`);
    await db.query(`DROP INDEX mailboxes_owner_idx`);
    await db.query(`DROP TABLE mailbox_pool_members`);
    await db.query(`DROP TABLE mailbox_pools`);
  }
}
