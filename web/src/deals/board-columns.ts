import type { Deal, DealStageSummary, Page, Stage } from '@cadenza/core';

/** The stages of a pipeline as the board lays them out, left to right. */
export const stagesInOrder = (stages: readonly Stage[]): Stage[] => [...stages].sort((a, b) => a.position - b.position);

/**
 * The cards of one column from its loaded pages: most recently changed first (a card just
 * dropped lands on top), each deal once (a deal changed while the column paged can come back
 * on a later page), and only deals still in this stage (a live move may not have reached the
 * pages yet).
 */
export function columnDeals(pages: readonly Page<Deal>[] | undefined, stageId: string): Deal[] {
  const seen = new Set<string>();
  const deals: Deal[] = [];
  for (const page of pages ?? []) {
    for (const deal of page.items) {
      if (deal.stageId !== stageId || seen.has(deal.id)) continue;
      seen.add(deal.id);
      deals.push(deal);
    }
  }
  return deals.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The pages without a deal, and the deal as it was (null when it was not loaded). */
export function takeDeal(pages: readonly Page<Deal>[], dealId: string): { pages: Page<Deal>[]; deal: Deal | null } {
  let deal: Deal | null = null;
  const kept = pages.map((page) => {
    const found = page.items.find((item) => item.id === dealId);
    if (!found) return page;
    deal ??= { ...found };
    return { ...page, items: page.items.filter((item) => item.id !== dealId) };
  });
  return { pages: kept, deal };
}

/**
 * The pages with a deal on top of the first one (any older copy removed). Page cursors are
 * untouched: the next page still starts where the server's last page ended. No pages loaded
 * means nothing to show it in.
 */
export function putDeal(pages: readonly Page<Deal>[], deal: Deal): Page<Deal>[] {
  if (pages.length === 0) return [...pages];
  const [first, ...rest] = takeDeal(pages, deal.id).pages;
  return [{ ...first!, items: [deal, ...first!.items] }, ...rest];
}

/**
 * A stage summary after a deal left `fromStageId` for `toStageId`: the count and its amount
 * move with it. A stage the summary does not list (another pipeline) is left alone, so the
 * same move applies to both pipelines' summaries.
 */
export function moveInSummary(
  summary: DealStageSummary,
  deal: Pick<Deal, 'amount' | 'currency'>,
  fromStageId: string,
  toStageId: string,
): DealStageSummary {
  if (fromStageId === toStageId) return summary;
  return {
    ...summary,
    stages: summary.stages.map((stage) => {
      const sign = stage.stageId === fromStageId ? -1 : stage.stageId === toStageId ? 1 : 0;
      if (sign === 0) return stage;
      return {
        ...stage,
        count: Math.max(0, stage.count + sign),
        totals: deal.amount === null ? stage.totals : addAmount(stage.totals, deal.currency, sign * deal.amount),
      };
    }),
  };
}

function addAmount(totals: DealStageSummary['stages'][number]['totals'], currency: string, amount: number) {
  const known = totals.some((total) => total.currency === currency);
  const next = known
    ? totals.map((total) => (total.currency === currency ? { currency, amount: total.amount + amount } : total))
    : [...totals, { currency, amount }];
  // A currency whose last deal left is no longer part of the column's sum.
  return next.filter((total) => total.amount > 0);
}

/** "USD 1,200 · EUR 50", or an empty string when no deal has an amount. */
export function formatTotals(totals: ReadonlyArray<{ currency: string; amount: number }>, locale?: string): string {
  return [...totals]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map(({ currency, amount }) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount),
    )
    .join(' · ');
}

/**
 * Whether a stage ends the pipeline: a win probability of 0 or 100 (HubSpot's closed lost and
 * closed won), or, where no probability is set, a name that says so ("Closed won", "Lost").
 */
export const isClosedStage = (stage: Pick<Stage, 'name' | 'probability'>): boolean =>
  stage.probability === null
    ? /\b(closed|won|lost)\b/i.test(stage.name)
    : stage.probability === 0 || stage.probability === 100;

/** A deal still open whose close date has passed: the rep should move it or change the date. */
export const isOverdue = (deal: Pick<Deal, 'closeDate'>, stage: Pick<Stage, 'name' | 'probability'>, today: string) =>
  deal.closeDate !== null && deal.closeDate < today && !isClosedStage(stage);

/** A date as the calendar day it is where the browser is (YYYY-MM-DD), to compare with close dates. */
export const localDay = (at: Date): string =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
