import { microUsdToUsd, usdToMicroUsd, type TokenBudget, type TokenBudgetUpdate } from '@cadenza/core';
import { managerOf, type Db } from '../crm/crm-write';

const TODAY = `(now() AT TIME ZONE 'UTC')::date`;

const numberOrNull = (value: string | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

/** The tenant's caps (tokens and cost) and what it has used this UTC day. */
export async function getTokenBudget(db: Db, tenantId: string): Promise<TokenBudget> {
  const [row] = (await managerOf(db).query(
    `SELECT b.daily_tokens, b.daily_cost_micro_usd, coalesce(u.tokens, 0) AS tokens,
       coalesce(u.calls, 0) AS calls, coalesce(u.cost_micro_usd, 0) AS cost_micro_usd
     FROM (SELECT $1::uuid AS tenant_id) t
     LEFT JOIN ai_token_budgets b ON b.tenant_id = t.tenant_id
     LEFT JOIN ai_token_usage u ON u.tenant_id = t.tenant_id AND u.day = ${TODAY}`,
    [tenantId],
  )) as Array<{
    daily_tokens: string | null;
    daily_cost_micro_usd: string | null;
    tokens: string;
    calls: number;
    cost_micro_usd: string;
  }>;
  const dailyCostMicroUsd = numberOrNull(row?.daily_cost_micro_usd);
  return {
    dailyTokens: numberOrNull(row?.daily_tokens),
    usedToday: Number(row?.tokens ?? 0),
    callsToday: Number(row?.calls ?? 0),
    dailyCostUsd: dailyCostMicroUsd === null ? null : microUsdToUsd(dailyCostMicroUsd),
    costTodayUsd: microUsdToUsd(Number(row?.cost_micro_usd ?? 0)),
  };
}

/**
 * Changes the tenant's caps in one statement: a field left out keeps its cap, null removes it, and a row
 * left with no cap at all is deleted.
 */
export async function updateTokenBudget(db: Db, tenantId: string, update: TokenBudgetUpdate): Promise<TokenBudget> {
  const manager = managerOf(db);
  const cost =
    update.dailyCostUsd === undefined || update.dailyCostUsd === null ? null : usdToMicroUsd(update.dailyCostUsd);
  await manager.query(
    `WITH wanted AS (
       SELECT CASE WHEN $2 THEN $3::bigint ELSE b.daily_tokens END AS daily_tokens,
              CASE WHEN $4 THEN $5::bigint ELSE b.daily_cost_micro_usd END AS daily_cost_micro_usd
       FROM (SELECT $1::uuid AS tenant_id) t LEFT JOIN ai_token_budgets b ON b.tenant_id = t.tenant_id
     ), removed AS (
       DELETE FROM ai_token_budgets WHERE tenant_id = $1
         AND (SELECT daily_tokens IS NULL AND daily_cost_micro_usd IS NULL FROM wanted)
     )
     INSERT INTO ai_token_budgets (tenant_id, daily_tokens, daily_cost_micro_usd)
     SELECT $1, daily_tokens, daily_cost_micro_usd FROM wanted
     WHERE daily_tokens IS NOT NULL OR daily_cost_micro_usd IS NOT NULL
     ON CONFLICT (tenant_id) DO UPDATE SET daily_tokens = EXCLUDED.daily_tokens,
       daily_cost_micro_usd = EXCLUDED.daily_cost_micro_usd, updated_at = now()`,
    [tenantId, update.dailyTokens !== undefined, update.dailyTokens ?? null, update.dailyCostUsd !== undefined, cost],
  );
  return getTokenBudget(db, tenantId);
}

/** Sets (or, with null, removes) the tenant's daily token cap, keeping any cost cap. */
export const setTokenBudget = (db: Db, tenantId: string, dailyTokens: number | null): Promise<TokenBudget> =>
  updateTokenBudget(db, tenantId, { dailyTokens });

/** Counts one model call's tokens and cost (whole micro-dollars) against today. */
export async function recordTokenUsage(db: Db, tenantId: string, tokens: number, costMicroUsd = 0): Promise<void> {
  await managerOf(db).query(
    `INSERT INTO ai_token_usage (tenant_id, day, tokens, calls, cost_micro_usd) VALUES ($1, ${TODAY}, $2, 1, $3)
     ON CONFLICT (tenant_id, day) DO UPDATE SET tokens = ai_token_usage.tokens + EXCLUDED.tokens,
       calls = ai_token_usage.calls + 1, cost_micro_usd = ai_token_usage.cost_micro_usd + EXCLUDED.cost_micro_usd`,
    [tenantId, tokens, costMicroUsd],
  );
}
