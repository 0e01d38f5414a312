import type { Deal, Stage } from '@cadenza/core';

export interface BoardColumn {
  stage: Stage;
  deals: Deal[];
  /** Sum of the amounts per currency, e.g. { USD: 1200, EUR: 50 }. */
  totals: Record<string, number>;
}

/**
 * Deals laid out in their stage's column, stages in pipeline order, cards most recently
 * changed first (a card just dropped lands on top). Deals of a stage the board does not
 * know (deleted meanwhile) are left out.
 */
export function boardColumns(stages: Stage[], deals: Deal[]): BoardColumn[] {
  const byStage = new Map<string, Deal[]>(stages.map((stage) => [stage.id, []]));
  for (const deal of deals) byStage.get(deal.stageId)?.push(deal);
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      const inStage = byStage.get(stage.id)!.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const totals: Record<string, number> = {};
      for (const deal of inStage) {
        if (deal.amount !== null) totals[deal.currency] = (totals[deal.currency] ?? 0) + deal.amount;
      }
      return { stage, deals: inStage, totals };
    });
}

/** The deals with one moved to a stage, marked as just changed; unknown ids change nothing. */
export function moveDeal(deals: Deal[], dealId: string, stageId: string, now = new Date()): Deal[] {
  return deals.map((deal) =>
    deal.id === dealId && deal.stageId !== stageId ? { ...deal, stageId, updatedAt: now.toISOString() } : deal,
  );
}

/** "USD 1,200 · EUR 50", or an empty string when no deal has an amount. */
export function formatTotals(totals: Record<string, number>, locale?: string): string {
  return Object.entries(totals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount),
    )
    .join(' · ');
}
