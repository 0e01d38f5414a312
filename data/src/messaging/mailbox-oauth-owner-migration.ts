import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user Gmail and Microsoft 365 mailboxes (issue 21): a connect in progress remembers whether
 * it makes the starting user's own mailbox, so the callback creates it owned by them (a sales
 * rep's always is; an admin's only when they asked for a personal one). The state row already
 * names the user; this says whether that user becomes the owner.
 */
export class MailboxOAuthOwner1764301975000 implements MigrationInterface {
  name = 'MailboxOAuthOwner1764301975000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mailbox_oauth_states ADD COLUMN personal boolean NOT NULL DEFAULT false`);
    // A personal connect needs a user to own the mailbox: an API key has none.
    await db.query(`ALTER TABLE mailbox_oauth_states
      ADD CONSTRAINT mailbox_oauth_states_personal_user CHECK (NOT personal OR user_id IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mailbox_oauth_states DROP COLUMN personal`);
  }
}
