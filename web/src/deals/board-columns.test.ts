import { describe, expect, it } from 'vitest';
import type { Deal, DealStageSummary, Page, Stage } from '@cadenza/core';
import {
  columnDeals,
  formatTotals,
  isOverdue,
  localDay,
  moveInSummary,
  putDeal,
  stagesInOrder,
  takeDeal,
} from './board-columns';
import { dealFixture } from './deal-fixture';

const stage = (id: string, position: number): Stage => ({ id, pipelineId: 'p', name: id, probability: null, position });
const deal = dealFixture;
const page = (items: Deal[], nextCursor: string | null = null): Page<Deal> => ({ items, nextCursor });

describe('stagesInOrder', () => {
  it('lays stages out by position', () => {
    expect(stagesInOrder([stage('won', 1), stage('open', 0)]).map((s) => s.id)).toEqual(['open', 'won']);
  });
});

describe('columnDeals', () => {
  it('shows each deal of the stage once, most recently changed first, across pages', () => {
    const a = deal('a', 'open', 1, '2030-01-01T00:00:00Z');
    const b = deal('b', 'open', 1, '2030-01-03T00:00:00Z');
    const c = deal('c', 'open', 1, '2030-01-02T00:00:00Z');
    // b changed while the column paged: the server sent it again on the next page.
    const pages = [page([b, c], 'cursor'), page([b, a])];
    expect(columnDeals(pages, 'open').map((d) => d.id)).toEqual(['b', 'c', 'a']);
  });

  it('leaves out a deal that has moved to another stage, and shows nothing before the first page', () => {
    expect(columnDeals([page([deal('a', 'won', 1, '2030-01-01T00:00:00Z')])], 'open')).toEqual([]);
    expect(columnDeals(undefined, 'open')).toEqual([]);
  });
});

describe('takeDeal and putDeal', () => {
  const a = deal('a', 'open', 1, '2030-01-01T00:00:00Z');
  const b = deal('b', 'open', 1, '2030-01-02T00:00:00Z');
  const c = deal('c', 'open', 1, '2030-01-03T00:00:00Z');

  it('takes a deal out of whichever page holds it, keeping the cursors', () => {
    const pages = [page([c, b], 'next'), page([a])];
    const taken = takeDeal(pages, 'a');
    expect(taken.deal).toEqual(a);
    expect(taken.pages).toEqual([page([c, b], 'next'), page([])]);
    expect(takeDeal(pages, 'zzz')).toEqual({ pages, deal: null });
  });

  it('puts a deal on top of the first page, replacing an older copy', () => {
    const moved = { ...a, stageId: 'won', updatedAt: '2030-02-01T00:00:00Z' };
    expect(putDeal([page([c, b], 'next'), page([a])], moved)).toEqual([page([moved, c, b], 'next'), page([])]);
  });

  it('puts nothing into a column with no page loaded', () => {
    expect(putDeal([], a)).toEqual([]);
  });
});

describe('moveInSummary', () => {
  const summary: DealStageSummary = {
    pipelineId: 'p',
    stages: [
      { stageId: 'open', count: 2, totals: [{ currency: 'USD', amount: 150 }] },
      { stageId: 'won', count: 1, totals: [{ currency: 'EUR', amount: 10 }] },
      { stageId: 'lost', count: 0, totals: [] },
    ],
  };

  it('moves the count and the amount from one stage to the other', () => {
    const moved = moveInSummary(summary, { amount: 100, currency: 'USD' }, 'open', 'won');
    expect(moved.stages).toEqual([
      { stageId: 'open', count: 1, totals: [{ currency: 'USD', amount: 50 }] },
      {
        stageId: 'won',
        count: 2,
        totals: [
          { currency: 'EUR', amount: 10 },
          { currency: 'USD', amount: 100 },
        ],
      },
      { stageId: 'lost', count: 0, totals: [] },
    ]);
  });

  it('drops a currency whose last amount left, and moves only the count of a deal without amount', () => {
    expect(moveInSummary(summary, { amount: 10, currency: 'EUR' }, 'won', 'lost').stages.slice(1)).toEqual([
      { stageId: 'won', count: 0, totals: [] },
      { stageId: 'lost', count: 1, totals: [{ currency: 'EUR', amount: 10 }] },
    ]);
    expect(moveInSummary(summary, { amount: null, currency: 'USD' }, 'open', 'lost').stages).toEqual([
      { stageId: 'open', count: 1, totals: [{ currency: 'USD', amount: 150 }] },
      summary.stages[1],
      { stageId: 'lost', count: 1, totals: [] },
    ]);
  });

  it('changes only the stages it lists (a move to another pipeline), and nothing for the same stage', () => {
    const out = moveInSummary(summary, { amount: 100, currency: 'USD' }, 'open', 'elsewhere');
    expect(out.stages.map((s) => s.count)).toEqual([1, 1, 0]);
    expect(moveInSummary(summary, { amount: 100, currency: 'USD' }, 'open', 'open')).toBe(summary);
  });
});

describe('formatTotals', () => {
  it('formats each currency, sorted, without cents', () => {
    expect(
      formatTotals(
        [
          { currency: 'USD', amount: 1200.4 },
          { currency: 'EUR', amount: 50 },
        ],
        'en-US',
      ),
    ).toBe('€50 · $1,200');
    expect(formatTotals([])).toBe('');
  });
});

describe('overdue deals', () => {
  const open = { name: 'Proposal', probability: 50 };
  it('flags an open deal whose close date has passed, not one closing today or later', () => {
    expect(isOverdue({ closeDate: '2026-12-06' }, open, '2026-12-07')).toBe(true);
    expect(isOverdue({ closeDate: '2026-12-07' }, open, '2026-12-07')).toBe(false);
    expect(isOverdue({ closeDate: null }, open, '2026-12-07')).toBe(false);
  });

  it('never flags a closed deal: probability 0 or 100, or a closed name when no probability is set', () => {
    for (const stage of [
      { name: 'Won', probability: 100 },
      { name: 'Lost', probability: 0 },
      { name: 'Closed won', probability: null },
      { name: 'Closed lost', probability: null },
    ])
      expect(isOverdue({ closeDate: '2020-01-01' }, stage, '2026-12-07')).toBe(false);
    expect(isOverdue({ closeDate: '2020-01-01' }, { name: 'Negotiation', probability: null }, '2026-12-07')).toBe(true);
  });
});

describe('localDay', () => {
  it('writes the local calendar day as close dates are written', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
