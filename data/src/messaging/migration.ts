import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The communication hub: every message sent (or kept) per channel, the mailboxes that send
 * them (secrets sealed with AES-256-GCM), the suppression list, and what the built-in SMTP
 * sink received. messages.idempotency_key is unique, so a retried send finds its row.
 */
export class Messaging1764300700000 implements MigrationInterface {
  name = 'Messaging1764300700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE mailboxes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('smtp', 'sendgrid')),
      name text NOT NULL,
      from_address text NOT NULL,
      from_name text,
      host text,
      port int,
      secure boolean NOT NULL DEFAULT false,
      username text,
      secret_sealed text,
      hourly_limit int NOT NULL DEFAULT 100 CHECK (hourly_limit > 0),
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // At most one default mailbox per tenant.
    await db.query(`CREATE UNIQUE INDEX mailboxes_default_idx ON mailboxes (tenant_id) WHERE is_default`);
    await db.query(`CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      idempotency_key text NOT NULL UNIQUE,
      enrollment_id uuid,
      contact_id text,
      channel text NOT NULL CHECK (channel IN ('email', 'sms', 'slack')),
      provider text NOT NULL CHECK (provider IN ('smtp', 'sendgrid', 'sink', 'twilio', 'slack', 'outbox')),
      mailbox_id uuid REFERENCES mailboxes(id) ON DELETE SET NULL,
      provider_message_id text,
      rfc_message_id text UNIQUE,
      from_address text,
      to_address text NOT NULL,
      subject text,
      html text,
      text text,
      raw text,
      status text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced', 'failed', 'suppressed')),
      status_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      opened_at timestamptz,
      clicked_at timestamptz,
      replied_at timestamptz,
      bounced_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX messages_tenant_idx ON messages (tenant_id, created_at DESC)`);
    await db.query(`CREATE INDEX messages_contact_idx ON messages (tenant_id, contact_id, created_at DESC)`);
    await db.query(`CREATE TABLE message_events (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe', 'reply', 'bounce')),
      data jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX message_events_message_idx ON message_events (message_id, occurred_at)`);
    await db.query(`CREATE TABLE suppressions (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      address text NOT NULL,
      reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'manual')),
      message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, address)
    )`);
    // What the development SMTP sink received, byte for byte; one row per Message-ID so a
    // resent message (same key, same Message-ID) is stored once.
    await db.query(`CREATE TABLE smtp_sink_messages (
      id bigserial PRIMARY KEY,
      message_id text UNIQUE,
      envelope_from text,
      envelope_to text[] NOT NULL,
      subject text,
      raw text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE smtp_sink_messages`);
    await db.query(`DROP TABLE suppressions`);
    await db.query(`DROP TABLE message_events`);
    await db.query(`DROP TABLE messages`);
    await db.query(`DROP TABLE mailboxes`);
  }
}
