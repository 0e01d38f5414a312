import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-tenant SMS (Twilio) and Slack providers. What is not secret (account SID, sender)
 * is plain; the auth token or webhook URL is sealed with AES-256-GCM like mailbox secrets.
 */
export class MessagingProviders1764300952000 implements MigrationInterface {
  name = 'MessagingProviders1764300952000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE messaging_providers (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('twilio', 'slack')),
      settings jsonb NOT NULL DEFAULT '{}',
      secret_sealed text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, kind)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE messaging_providers`);
  }
}
