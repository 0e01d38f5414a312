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
