import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mailbox throttling as HubSpot does it: a daily cap and a per-minute rate (defaults 1,000
 * and 10) replace the hourly cap; existing mailboxes get the defaults.
 */
export class MailboxSendLimits1764300950000 implements MigrationInterface {
  name = 'MailboxSendLimits1764300950000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mailboxes
      ADD COLUMN daily_limit int NOT NULL DEFAULT 1000 CHECK (daily_limit > 0),
      ADD COLUMN per_minute_limit int NOT NULL DEFAULT 10 CHECK (per_minute_limit > 0)`);
    await db.query(`ALTER TABLE mailboxes DROP COLUMN hourly_limit`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mailboxes ADD COLUMN hourly_limit int NOT NULL DEFAULT 100 CHECK (hourly_limit > 0)`);
    await db.query(`ALTER TABLE mailboxes DROP COLUMN per_minute_limit, DROP COLUMN daily_limit`);
  }
}
