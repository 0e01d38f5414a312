import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gmail and Microsoft 365 mailboxes (issue 21): two mailbox kinds connected by OAuth 2.0. Their
 * tokens live apart from the mailbox row (sealed, one row per mailbox, locked while refreshed so
 * one refresh runs at a time); a connect in progress is a single-use, short-lived state row bound
 * to the user and tenant, holding the sealed PKCE verifier. Their sync resumes from a provider
 * cursor (a Gmail historyId, a Graph delta link). An import is keyed by a text key per mailbox
 * (`<UIDVALIDITY>:<UID>` for IMAP, `gmail:<id>`, `graph:<id>`) instead of the IMAP pair alone,
 * and so is a message's count of failed imports (mailbox_import_failures, from MailboxBounces).
 */
/** The tables keyed by where a message sits in its mailbox (mailbox_import_failures from MailboxBounces1764301830000). */
const KEYED_TABLES = ['mailbox_imports', 'mailbox_import_failures'] as const;

/** Re-keys a table by (mailbox_id, source_key), IMAP rows keeping their UIDs as `<UIDVALIDITY>:<UID>`. */
async function keyBySource(db: QueryRunner, table: (typeof KEYED_TABLES)[number]): Promise<void> {
  await db.query(`ALTER TABLE ${table} ADD COLUMN source_key text`);
  await db.query(`UPDATE ${table} SET source_key = uid_validity || ':' || uid`);
  await db.query(`ALTER TABLE ${table} ALTER COLUMN source_key SET NOT NULL,
    ADD CONSTRAINT ${table}_source_key_check CHECK (length(source_key) BETWEEN 1 AND 300),
    DROP CONSTRAINT ${table}_pkey,
    ADD PRIMARY KEY (mailbox_id, source_key),
    ALTER COLUMN uid_validity DROP NOT NULL,
    ALTER COLUMN uid DROP NOT NULL`);
}

/** Back to (mailbox_id, uid_validity, uid): rows of Gmail and Graph messages have no place there. */
async function keyByUid(db: QueryRunner, table: (typeof KEYED_TABLES)[number]): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE uid IS NULL OR uid_validity IS NULL`);
  await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey,
    ALTER COLUMN uid_validity SET NOT NULL, ALTER COLUMN uid SET NOT NULL,
    ADD PRIMARY KEY (mailbox_id, uid_validity, uid), DROP COLUMN source_key`);
}

export class MailProviders1764301921000 implements MigrationInterface {
  name = 'MailProviders1764301921000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mailboxes DROP CONSTRAINT mailboxes_kind_check`);
    await db.query(
      `ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_kind_check CHECK (kind IN ('smtp', 'sendgrid', 'gmail', 'microsoft'))`,
    );
    await db.query(`ALTER TABLE messages DROP CONSTRAINT messages_provider_check`);
    await db.query(`ALTER TABLE messages ADD CONSTRAINT messages_provider_check
      CHECK (provider IN ('smtp', 'sendgrid', 'gmail', 'microsoft', 'sink', 'twilio', 'slack', 'outbox'))`);
    await db.query(`CREATE TABLE mailbox_oauth_tokens (
      mailbox_id uuid PRIMARY KEY REFERENCES mailboxes(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      account text NOT NULL CHECK (length(account) BETWEEN 1 AND 320),
      access_sealed text NOT NULL,
      access_expires_at timestamptz NOT NULL,
      refresh_sealed text NOT NULL,
      connected_at timestamptz NOT NULL DEFAULT now(),
      refreshed_at timestamptz
    )`);
    await db.query(`CREATE TABLE mailbox_oauth_states (
      state_hash text PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('gmail', 'microsoft')),
      mailbox_id uuid REFERENCES mailboxes(id) ON DELETE CASCADE,
      verifier_sealed text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX mailbox_oauth_states_expiry_idx ON mailbox_oauth_states (expires_at)`);
    await db.query(`CREATE TABLE mailbox_api_cursors (
      mailbox_id uuid PRIMARY KEY REFERENCES mailboxes(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      cursor text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    for (const table of KEYED_TABLES) await keyBySource(db, table);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of KEYED_TABLES) await keyByUid(db, table);
    await db.query(`DROP TABLE mailbox_api_cursors`);
    await db.query(`DROP TABLE mailbox_oauth_states`);
    await db.query(`DROP TABLE mailbox_oauth_tokens`);
    await db.query(`DELETE FROM mailboxes WHERE kind IN ('gmail', 'microsoft')`);
    await db.query(`ALTER TABLE messages DROP CONSTRAINT messages_provider_check`);
    await db.query(`ALTER TABLE messages ADD CONSTRAINT messages_provider_check
      CHECK (provider IN ('smtp', 'sendgrid', 'sink', 'twilio', 'slack', 'outbox'))`);
    await db.query(`ALTER TABLE mailboxes DROP CONSTRAINT mailboxes_kind_check`);
    await db.query(`ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_kind_check CHECK (kind IN ('smtp', 'sendgrid'))`);
  }
}
