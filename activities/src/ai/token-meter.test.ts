import { budgetRefusal } from './token-meter';

describe('budgetRefusal', () => {
  it('lets calls through without a cap or below it', () => {
    expect(budgetRefusal({ dailyTokens: null, usedToday: 10_000_000 })).toBeNull();
    expect(budgetRefusal({ dailyTokens: 1000, usedToday: 999 })).toBeNull();
  });

  it('refuses at the cap, naming what was used and how to raise it', () => {
    expect(budgetRefusal({ dailyTokens: 1000, usedToday: 1000 })).toMatch(
      /budget is exhausted: 1000 of 1000 tokens used today.*PUT \/api\/v1\/ai\/budget/,
    );
    expect(budgetRefusal({ dailyTokens: 0, usedToday: 0 })).not.toBeNull();
  });
});

describe('budgetRefusal with a cost cap', () => {
  const under = { dailyTokens: null, usedToday: 50 };

  it('lets calls through below the cost cap', () => {
    expect(budgetRefusal({ ...under, dailyCostUsd: 0.01, costTodayUsd: 0.009999 })).toBeNull();
    expect(budgetRefusal({ ...under, dailyCostUsd: null, costTodayUsd: 1000 })).toBeNull();
  });

  it('refuses at the cost cap, naming the cost budget and the amounts', () => {
    expect(budgetRefusal({ ...under, dailyCostUsd: 0.0002, costTodayUsd: 0.000215 })).toBe(
      "the tenant's daily AI cost budget is exhausted: $0.000215 of $0.0002 spent today (UTC); raise it with PUT /api/v1/ai/budget or wait until tomorrow",
    );
    expect(budgetRefusal({ ...under, dailyCostUsd: 0, costTodayUsd: 0 })).toMatch(
      /cost budget is exhausted: \$0 of \$0/,
    );
  });

  it('names the token cap when both are spent', () => {
    expect(budgetRefusal({ dailyTokens: 10, usedToday: 10, dailyCostUsd: 1, costTodayUsd: 2 })).toMatch(
      /token budget is exhausted/,
    );
  });
});
