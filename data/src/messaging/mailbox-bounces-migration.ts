import type { MigrationInterface, QueryRunner } from 'typeorm';

const IMPORT_KINDS_BEFORE = `'reply', 'auto_reply', 'foreign_sender'`;
const IMPORT_KINDS = `${IMPORT_KINDS_BEFORE}, 'bounce', 'soft_bounce', 'delivery_report', 'loop', 'unreadable'`;
const EVENT_KINDS_BEFORE = `'open', 'click', 'unsubscribe', 'reply', 'bounce', 'auto_reply'`;

/**
 * What a synced mailbox brings besides replies (issue 21): delivery reports (a hard bounce,
 * a soft bounce, a success report), mail loops, and messages that could not be read and were
 * skipped. `detail` keeps what was decided and why; `content_hash` tells a copy of an imported
 * email from a different email that reuses its Message-ID. A message that fails to import is
 * counted in mailbox_import_failures until it is retried or skipped. Soft bounces are a message
 * event of their own, counted per address to turn repeated ones into a hard bounce.
 */
export class MailboxBounces1764301830000 implements MigrationInterface {
  name = 'MailboxBounces1764301830000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mailbox_imports DROP CONSTRAINT mailbox_imports_kind_check`);
    await db.query(
      `ALTER TABLE mailbox_imports ADD CONSTRAINT mailbox_imports_kind_check CHECK (kind IN (${IMPORT_KINDS}))`,
    );
    await db.query(`ALTER TABLE mailbox_imports ADD COLUMN detail jsonb, ADD COLUMN content_hash text`);
    // Duplicate checks look imports up by Message-ID.
    await db.query(
      `CREATE INDEX mailbox_imports_rfc_idx ON mailbox_imports (mailbox_id, rfc_message_id) WHERE rfc_message_id IS NOT NULL`,
    );
    await db.query(`CREATE TABLE mailbox_import_failures (
      mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      uid_validity bigint NOT NULL,
      uid bigint NOT NULL,
      attempts int NOT NULL CHECK (attempts > 0),
      last_error text NOT NULL,
      first_failed_at timestamptz NOT NULL DEFAULT now(),
      last_failed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (mailbox_id, uid_validity, uid)
    )`);
    await db.query(`ALTER TABLE message_events DROP CONSTRAINT message_events_kind_check`);
    await db.query(`ALTER TABLE message_events ADD CONSTRAINT message_events_kind_check
      CHECK (kind IN (${EVENT_KINDS_BEFORE}, 'soft_bounce'))`);
    await db.query(
      `CREATE INDEX message_events_soft_bounce_idx ON message_events (tenant_id, occurred_at) WHERE kind = 'soft_bounce'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX message_events_soft_bounce_idx`);
    await db.query(`DELETE FROM message_events WHERE kind = 'soft_bounce'`);
    await db.query(`ALTER TABLE message_events DROP CONSTRAINT message_events_kind_check`);
    await db.query(
      `ALTER TABLE message_events ADD CONSTRAINT message_events_kind_check CHECK (kind IN (${EVENT_KINDS_BEFORE}))`,
    );
    await db.query(`DROP TABLE mailbox_import_failures`);
    await db.query(`DROP INDEX mailbox_imports_rfc_idx`);
    await db.query(`DELETE FROM mailbox_imports WHERE kind NOT IN (${IMPORT_KINDS_BEFORE})`);
    await db.query(`ALTER TABLE mailbox_imports DROP COLUMN detail, DROP COLUMN content_hash`);
    await db.query(`ALTER TABLE mailbox_imports DROP CONSTRAINT mailbox_imports_kind_check`);
    await db.query(
      `ALTER TABLE mailbox_imports ADD CONSTRAINT mailbox_imports_kind_check CHECK (kind IN (${IMPORT_KINDS_BEFORE}))`,
    );
  }
}
