import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily cost budget beside the token one: each day's usage also counts what its calls cost, and a
 * tenant may cap that. Money is whole micro-dollars (1e-6 USD), so sums stay exact. A budget row may now
 * hold only a cost cap, so the token cap becomes optional; a row with neither is deleted, not kept.
 */
export class AiCostBudget1764301350000 implements MigrationInterface {
  name = 'AiCostBudget1764301350000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ai_token_usage ADD COLUMN cost_micro_usd bigint NOT NULL DEFAULT 0`);
    await db.query(`ALTER TABLE ai_token_budgets ALTER COLUMN daily_tokens DROP NOT NULL`);
    await db.query(`ALTER TABLE ai_token_budgets
      ADD COLUMN daily_cost_micro_usd bigint CHECK (daily_cost_micro_usd >= 0),
      ADD CONSTRAINT ai_token_budgets_some_cap CHECK (daily_tokens IS NOT NULL OR daily_cost_micro_usd IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM ai_token_budgets WHERE daily_tokens IS NULL`);
    await db.query(`ALTER TABLE ai_token_budgets DROP CONSTRAINT ai_token_budgets_some_cap`);
    await db.query(`ALTER TABLE ai_token_budgets DROP COLUMN daily_cost_micro_usd`);
    await db.query(`ALTER TABLE ai_token_budgets ALTER COLUMN daily_tokens SET NOT NULL`);
    await db.query(`ALTER TABLE ai_token_usage DROP COLUMN cost_micro_usd`);
  }
}
