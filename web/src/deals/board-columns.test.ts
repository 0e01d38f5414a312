import { describe, expect, it } from 'vitest';
import type { Deal, Stage } from '@cadenza/core';
import { boardColumns, formatTotals, moveDeal } from './board-columns';

const stage = (id: string, position: number): Stage => ({ id, pipelineId: 'p', name: id, probability: null, position });
const deal = (id: string, stageId: string, amount: number | null, updatedAt: string, currency = 'USD'): Deal => ({
  id,
  name: id,
  amount,
  currency,
  pipelineId: 'p',
  stageId,
  contactId: null,
  companyId: null,
  ownerId: null,
  closeDate: null,
  createdAt: updatedAt,
  updatedAt,
});

describe('boardColumns', () => {
  it('puts deals in their stage columns, in pipeline order, most recently changed first, with totals', () => {
    const columns = boardColumns(
      [stage('won', 1), stage('open', 0)],
      [
        deal('a', 'open', 100, '2030-01-01T00:00:00Z'),
        deal('b', 'open', 50, '2030-01-02T00:00:00Z', 'EUR'),
        deal('c', 'won', null, '2030-01-01T00:00:00Z'),
        deal('d', 'open', 25, '2030-01-03T00:00:00Z'),
        deal('x', 'deleted-stage', 10, '2030-01-01T00:00:00Z'),
      ],
    );
    expect(columns.map((c) => [c.stage.id, c.deals.map((d) => d.id), c.totals])).toEqual([
      ['open', ['d', 'b', 'a'], { USD: 125, EUR: 50 }],
      ['won', ['c'], {}],
    ]);
  });
});

describe('moveDeal', () => {
  const deals = [deal('a', 'open', 1, '2030-01-01T00:00:00Z'), deal('b', 'open', 1, '2030-01-01T00:00:00Z')];

  it('moves one deal and marks it changed now', () => {
    const now = new Date('2030-02-01T00:00:00Z');
    expect(moveDeal(deals, 'a', 'won', now)).toEqual([
      { ...deals[0], stageId: 'won', updatedAt: now.toISOString() },
      deals[1],
    ]);
  });

  it('leaves the list alone for an unknown deal or the same stage', () => {
    expect(moveDeal(deals, 'zzz', 'won')).toEqual(deals);
    expect(moveDeal(deals, 'a', 'open')).toEqual(deals);
  });
});

describe('formatTotals', () => {
  it('formats each currency, sorted, without cents', () => {
    expect(formatTotals({ USD: 1200.4, EUR: 50 }, 'en-US')).toBe('€50 · $1,200');
    expect(formatTotals({})).toBe('');
  });
});
