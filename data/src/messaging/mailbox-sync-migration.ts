import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mailboxes that listen (issue 21): an SMTP mailbox may name an IMAP server to read replies
 * from (password sealed like the SMTP one), and belong to one user or to the workspace. Each
 * synced mailbox keeps its cursor (UIDVALIDITY + last UID) and its health; every message the
 * sync imported is one row keyed by (mailbox, UIDVALIDITY, UID), so a retried or restarted
 * sync never processes it twice. Auto-replies become a message event of their own.
 */
export class MailboxSync1764301800000 implements MigrationInterface {
  name = 'MailboxSync1764301800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mailboxes
      ADD COLUMN owner_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      ADD COLUMN imap_host text CHECK (length(imap_host) BETWEEN 1 AND 255),
      ADD COLUMN imap_port int CHECK (imap_port BETWEEN 1 AND 65535),
      ADD COLUMN imap_secure boolean NOT NULL DEFAULT true,
      ADD COLUMN imap_username text CHECK (length(imap_username) <= 255),
      ADD COLUMN imap_secret_sealed text,
      ADD COLUMN last_sync_at timestamptz,
      ADD COLUMN last_sync_error text,
      ADD COLUMN auth_failed_at timestamptz`);
    await db.query(`CREATE TABLE mailbox_sync_cursors (
      mailbox_id uuid PRIMARY KEY REFERENCES mailboxes(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      uid_validity bigint NOT NULL,
      last_uid bigint NOT NULL CHECK (last_uid >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE mailbox_imports (
      mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      uid_validity bigint NOT NULL,
      uid bigint NOT NULL,
      rfc_message_id text,
      message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('reply', 'auto_reply', 'foreign_sender')),
      run_workflow_id text,
      signalled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (mailbox_id, uid_validity, uid)
    )`);
    // Imports whose run has not been told yet (a sync killed between commit and signal).
    await db.query(
      `CREATE INDEX mailbox_imports_unsignalled_idx ON mailbox_imports (mailbox_id) WHERE run_workflow_id IS NOT NULL AND signalled_at IS NULL`,
    );
    await db.query(`ALTER TABLE message_events DROP CONSTRAINT message_events_kind_check`);
    await db.query(`ALTER TABLE message_events ADD CONSTRAINT message_events_kind_check
      CHECK (kind IN ('open', 'click', 'unsubscribe', 'reply', 'bounce', 'auto_reply'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM message_events WHERE kind = 'auto_reply'`);
    await db.query(`ALTER TABLE message_events DROP CONSTRAINT message_events_kind_check`);
    await db.query(`ALTER TABLE message_events ADD CONSTRAINT message_events_kind_check
      CHECK (kind IN ('open', 'click', 'unsubscribe', 'reply', 'bounce'))`);
    await db.query(`DROP TABLE mailbox_imports`);
    await db.query(`DROP TABLE mailbox_sync_cursors`);
    await db.query(`ALTER TABLE mailboxes DROP COLUMN owner_user_id, DROP COLUMN imap_host, DROP COLUMN imap_port,
      DROP COLUMN imap_secure, DROP COLUMN imap_username, DROP COLUMN imap_secret_sealed, DROP COLUMN last_sync_at,
      DROP COLUMN last_sync_error, DROP COLUMN auth_failed_at`);
  }
}
