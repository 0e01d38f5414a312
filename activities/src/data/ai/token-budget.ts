import type { TokenBudget } from '@cadenza/core';
import { managerOf, type Db } from '../crm/crm-write';

const TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/** The tenant's cap and what it has used this UTC day. */
export async function getTokenBudget(db: Db, tenantId: string): Promise<TokenBudget> {
  const [row] = (await managerOf(db).query(
    `SELECT b.daily_tokens, coalesce(u.tokens, 0) AS tokens, coalesce(u.calls, 0) AS calls
     FROM (SELECT $1::uuid AS tenant_id) t
     LEFT JOIN ai_token_budgets b ON b.tenant_id = t.tenant_id
     LEFT JOIN ai_token_usage u ON u.tenant_id = t.tenant_id AND u.day = ${TODAY}`,
    [tenantId],
  )) as Array<{ daily_tokens: string | null; tokens: string; calls: number }>;
  return {
    dailyTokens: row?.daily_tokens === null || row?.daily_tokens === undefined ? null : Number(row.daily_tokens),
    usedToday: Number(row?.tokens ?? 0),
    callsToday: Number(row?.calls ?? 0),
  };
}

/** Sets (or, with null, removes) the tenant's daily cap. */
export async function setTokenBudget(db: Db, tenantId: string, dailyTokens: number | null): Promise<TokenBudget> {
  const manager = managerOf(db);
  if (dailyTokens === null) await manager.query(`DELETE FROM ai_token_budgets WHERE tenant_id = $1`, [tenantId]);
  else
    await manager.query(
      `INSERT INTO ai_token_budgets (tenant_id, daily_tokens) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET daily_tokens = EXCLUDED.daily_tokens, updated_at = now()`,
      [tenantId, dailyTokens],
    );
  return getTokenBudget(db, tenantId);
}

/** Counts one model call's tokens against today. */
export async function recordTokenUsage(db: Db, tenantId: string, tokens: number): Promise<void> {
  await managerOf(db).query(
    `INSERT INTO ai_token_usage (tenant_id, day, tokens, calls) VALUES ($1, ${TODAY}, $2, 1)
     ON CONFLICT (tenant_id, day) DO UPDATE SET tokens = ai_token_usage.tokens + EXCLUDED.tokens,
       calls = ai_token_usage.calls + 1`,
    [tenantId, tokens],
  );
}
