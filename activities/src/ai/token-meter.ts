import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { TokenBudget } from '@cadenza/core';
import { getTokenBudget, recordTokenUsage } from '@cadenza/data';
import type { ChatModelSource } from './ai-steps';
import type { ChatMeter } from './chat-model-switch';

/** The error type of a step stopped by its tenant's budget; ops retry it once the budget is raised. */
export const BUDGET_EXHAUSTED = 'AiBudgetExhausted';

/** What a budget check decides: go on (null), or the sentence that says which cap is spent and why not. */
export function budgetRefusal(
  budget: Pick<TokenBudget, 'dailyTokens' | 'usedToday'> & Partial<Pick<TokenBudget, 'dailyCostUsd' | 'costTodayUsd'>>,
): string | null {
  const howToGoOn = 'raise it with PUT /api/v1/ai/budget or wait until tomorrow';
  if (budget.dailyTokens !== null && budget.usedToday >= budget.dailyTokens)
    return `the tenant's daily AI token budget is exhausted: ${budget.usedToday} of ${budget.dailyTokens} tokens used today (UTC); ${howToGoOn}`;
  const cap = budget.dailyCostUsd ?? null;
  const spent = budget.costTodayUsd ?? 0;
  if (cap !== null && spent >= cap)
    return `the tenant's daily AI cost budget is exhausted: $${usd(spent)} of $${usd(cap)} spent today (UTC); ${howToGoOn}`;
  return null;
}

/** Dollars to the micro-dollar, without trailing zeros: 0.00015 rather than 0.000150 or 1.5e-4. */
const usd = (amount: number) => amount.toFixed(6).replace(/\.?0+$/, '');

/** Checks the tenant's budgets before each model call and counts the call's tokens and cost after it. */
export function tokenMeter(db: DataSource, tenantId: string): ChatMeter {
  return {
    async beforeCall() {
      const refusal = budgetRefusal(await getTokenBudget(db, tenantId));
      // Retrying cannot help until someone raises the budget or the day turns.
      if (refusal) throw ApplicationFailure.nonRetryable(refusal, BUDGET_EXHAUSTED);
    },
    afterCall: ({ tokens, costMicroUsd }) => recordTokenUsage(db, tenantId, tokens, costMicroUsd),
  };
}

/** The same model source, with every choice metered for one tenant. */
export const meteredFor =
  (source: ChatModelSource, db: DataSource, tenantId: string): ChatModelSource =>
  async (model) => ({ ...(await source(model)), meter: tokenMeter(db, tenantId) });
