import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quality gate's review of each agent draft (origin model/template, verdict with failed checks)
 * and the CRM facts it was checked against, so an edit can be checked again with the same facts.
 * Both null on drafts written before the gate (they are treated as unchecked, not as failing).
 */
export class AiDraftReview1764301950000 implements MigrationInterface {
  name = 'AiDraftReview1764301950000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ai_approvals ADD COLUMN draft_review jsonb, ADD COLUMN draft_facts jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ai_approvals DROP COLUMN draft_review, DROP COLUMN draft_facts`);
  }
}
