import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { getTokenBudget, recordTokenUsage } from '../data/ai/token-budget';
import type { ChatModelSource } from './ai-steps';
import type { ChatMeter } from './chat-model-switch';

/** The error type of a step stopped by its tenant's budget; ops retry it once the budget is raised. */
export const BUDGET_EXHAUSTED = 'AiBudgetExhausted';

/** What a budget check decides: go on (null), or the sentence that says why not. */
export function budgetRefusal(budget: { dailyTokens: number | null; usedToday: number }): string | null {
  if (budget.dailyTokens === null || budget.usedToday < budget.dailyTokens) return null;
  return `the tenant's daily AI token budget is exhausted: ${budget.usedToday} of ${budget.dailyTokens} tokens used today (UTC); raise it with PUT /api/v1/ai/budget or wait until tomorrow`;
}

/** Checks the tenant's budget before each model call and counts the call's tokens after it. */
export function tokenMeter(db: DataSource, tenantId: string): ChatMeter {
  return {
    async beforeCall() {
      const refusal = budgetRefusal(await getTokenBudget(db, tenantId));
      // Retrying cannot help until someone raises the budget or the day turns.
      if (refusal) throw ApplicationFailure.nonRetryable(refusal, BUDGET_EXHAUSTED);
    },
    afterCall: (tokens) => recordTokenUsage(db, tenantId, tokens),
  };
}

/** The same model source, with every choice metered for one tenant. */
export const meteredFor =
  (source: ChatModelSource, db: DataSource, tenantId: string): ChatModelSource =>
  async (model) => ({ ...(await source(model)), meter: tokenMeter(db, tenantId) });
