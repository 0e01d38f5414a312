import { describe, expect, it } from 'vitest';
import type { DealStageSummary } from '@cadenza/core';
import { createStore } from '../store';
import { applyStageMove, dealsApi, type StageDealsArgs } from './deals-api';
import { dealFixture } from './deal-fixture';

const deal = dealFixture;
const OPEN: StageDealsArgs = { pipelineId: 'p', stageId: 'open' };
const WON: StageDealsArgs = { pipelineId: 'p', stageId: 'won' };

/** A store whose board caches hold a loaded Open column (two pages), a Won column and the summary. */
async function boardStore() {
  const store = createStore();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the store's type knows only the base slice's endpoints
  const dispatch = store.dispatch as any;
  const a = deal('a', 'open', 100, '2030-01-02T00:00:00.000Z');
  const b = deal('b', 'open', 50, '2030-01-01T00:00:00.000Z');
  const w = deal('w', 'won', 10, '2030-01-01T00:00:00.000Z');
  await dispatch(
    dealsApi.util.upsertQueryData('stageDeals', OPEN, {
      pages: [
        { items: [a], nextCursor: 'c1' },
        { items: [b], nextCursor: null },
      ],
      pageParams: [null, 'c1'],
    }),
  );
  await dispatch(
    dealsApi.util.upsertQueryData('stageDeals', WON, { pages: [{ items: [w], nextCursor: null }], pageParams: [null] }),
  );
  const summary: DealStageSummary = {
    pipelineId: 'p',
    stages: [
      { stageId: 'open', count: 2, totals: [{ currency: 'USD', amount: 150 }] },
      { stageId: 'won', count: 1, totals: [{ currency: 'USD', amount: 10 }] },
    ],
  };
  await dispatch(dealsApi.util.upsertQueryData('stageSummary', 'p', summary));
  const read = () => ({
    open: dealsApi.endpoints.stageDeals.select(OPEN)(store.getState() as never).data?.pages,
    won: dealsApi.endpoints.stageDeals.select(WON)(store.getState() as never).data?.pages,
    summary: dealsApi.endpoints.stageSummary.select('p')(store.getState() as never).data,
  });
  return { dispatch, read };
}

describe('applyStageMove on the board caches', () => {
  const move = { dealId: 'b', from: OPEN, to: WON, at: '2030-02-01T00:00:00.000Z' };

  it('moves the card from its page to the top of the new column and recounts both heads', async () => {
    const { dispatch, read } = await boardStore();
    applyStageMove(dispatch, move);
    const { open, won, summary } = read();
    expect(open?.map((p) => p.items.map((d) => d.id))).toEqual([['a'], []]);
    expect(won?.[0]?.items.map((d) => [d.id, d.stageId, d.updatedAt])).toEqual([
      ['b', 'won', '2030-02-01T00:00:00.000Z'],
      ['w', 'won', '2030-01-01T00:00:00.000Z'],
    ]);
    expect(summary?.stages).toEqual([
      { stageId: 'open', count: 1, totals: [{ currency: 'USD', amount: 100 }] },
      { stageId: 'won', count: 2, totals: [{ currency: 'USD', amount: 60 }] },
    ]);
  });

  it('counts a move seen twice (the drop, then its live event) once', async () => {
    const { dispatch, read } = await boardStore();
    applyStageMove(dispatch, move);
    applyStageMove(dispatch, move);
    expect(read().summary?.stages.map((s) => s.count)).toEqual([1, 2]);
    expect(read().won?.[0]?.items.map((d) => d.id)).toEqual(['b', 'w']);
  });

  it('puts everything back when the patches are undone (a refused move)', async () => {
    const { dispatch, read } = await boardStore();
    const before = read();
    for (const patch of applyStageMove(dispatch, move)) patch.undo();
    expect(read()).toEqual(before);
  });
});
