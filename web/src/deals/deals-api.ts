import { useDispatch } from 'react-redux';
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import type { Deal, DealStageSummary, Page, Pipeline } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';
import { moveInSummary, putDeal, takeDeal } from './board-columns';

/** Cards a column loads at a time; "load more" brings the next as many. */
export const STAGE_PAGE_SIZE = 50;

/** One column of the board. */
export interface StageDealsArgs {
  pipelineId: string;
  stageId: string;
}

/** A deal leaving one (pipeline, stage) for another, as the board's caches see it. */
export interface StageMove {
  dealId: string;
  from: StageDealsArgs;
  to: StageDealsArgs;
  /** The deal as the caller knows it after the move, when it does (the mover); else it comes from the source column. */
  deal?: Deal;
  /** When it moved: the card's new updatedAt. */
  at: string;
}

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['Pipeline', 'BoardDeals'] });

/** Every cache of a pipeline's board (columns and summary) carries this tag, so one invalidation refreshes it all. */
export const boardTag = (pipelineId: string) => ({ type: 'BoardDeals' as const, id: pipelineId });

export const dealsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listPipelines: build.query<Pipeline[], void>({
      query: () => '/pipelines?limit=200',
      transformResponse: (body: Page<Pipeline>) => body.items,
      providesTags: ['Pipeline'],
    }),
    /** One column: its stage's deals, most recently changed first, a page at a time. */
    stageDeals: build.infiniteQuery<Page<Deal>, StageDealsArgs, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (lastPage) => lastPage.nextCursor,
      },
      query: ({ queryArg, pageParam }) => ({
        url: '/deals',
        params: {
          pipelineId: queryArg.pipelineId,
          stageId: queryArg.stageId,
          sort: 'updatedAt:desc',
          limit: STAGE_PAGE_SIZE,
          ...(pageParam ? { cursor: pageParam } : {}),
        },
      }),
      providesTags: (_r, _e, { pipelineId }) => [boardTag(pipelineId)],
    }),
    /** Count and sums per stage: what each column heads with, however much of it is loaded. */
    stageSummary: build.query<DealStageSummary, string>({
      query: (pipelineId) => ({ url: '/deals/stage-summary', params: { pipelineId } }),
      providesTags: (_r, _e, pipelineId) => [boardTag(pipelineId)],
    }),
    /**
     * Moves a deal to a stage. The board shows the move at once; a refusal puts the card
     * back (the patches are undone) and the caller shows why.
     */
    moveDealStage: build.mutation<Deal, { deal: Deal; stageId: string }>({
      query: ({ deal, stageId }) => ({ url: `/deals/${deal.id}/stage`, method: 'PATCH', body: { stageId } }),
      async onQueryStarted({ deal, stageId }, { dispatch, queryFulfilled }) {
        const at = new Date().toISOString();
        const patches = applyStageMove(dispatch, {
          dealId: deal.id,
          from: { pipelineId: deal.pipelineId, stageId: deal.stageId },
          to: { pipelineId: deal.pipelineId, stageId },
          deal: { ...deal, stageId, updatedAt: at },
          at,
        });
        try {
          const { data } = await queryFulfilled;
          // The server's copy (its updatedAt) replaces the optimistic one.
          dispatch(
            dealsApi.util.updateQueryData(
              'stageDeals',
              { pipelineId: data.pipelineId, stageId: data.stageId },
              (draft) => {
                draft.pages = putDeal(draft.pages, data);
              },
            ),
          );
        } catch {
          for (const patch of patches) patch.undo();
        }
      },
    }),
  }),
});

type BoardDispatch = ThunkDispatch<DealsRootState, unknown, UnknownAction>;

/**
 * Shows a stage move in whatever part of the board is loaded: the card leaves its column,
 * lands on top of the new one, and both column heads recount. The summaries change only
 * when the card was found in its old column, so a move seen twice (the mover's own drop,
 * then its live event) counts once. Returns the patches, to undo a refused move.
 */
export function applyStageMove(dispatch: BoardDispatch, move: StageMove) {
  let moved: Deal | null = null;
  const patches = [
    dispatch(
      dealsApi.util.updateQueryData('stageDeals', move.from, (draft) => {
        const taken = takeDeal(draft.pages, move.dealId);
        draft.pages = taken.pages;
        moved = taken.deal;
      }),
    ),
  ];
  const found = moved as Deal | null;
  if (!found) return patches;
  const deal = move.deal ?? { ...found, pipelineId: move.to.pipelineId, stageId: move.to.stageId, updatedAt: move.at };
  patches.push(
    dispatch(
      dealsApi.util.updateQueryData('stageDeals', move.to, (draft) => {
        draft.pages = putDeal(draft.pages, deal);
      }),
    ),
  );
  for (const pipelineId of new Set([move.from.pipelineId, move.to.pipelineId])) {
    patches.push(
      dispatch(
        dealsApi.util.updateQueryData('stageSummary', pipelineId, (draft) =>
          moveInSummary(draft, found, move.from.stageId, move.to.stageId),
        ),
      ),
    );
  }
  return patches;
}

export const { useListPipelinesQuery, useStageDealsInfiniteQuery, useStageSummaryQuery, useMoveDealStageMutation } =
  dealsApi;

/** The root state the injected endpoints' thunks expect (the store's, seen through this api). */
type DealsRootState = ReturnType<Parameters<ReturnType<typeof dealsApi.util.updateQueryData>>[1]>;
/** Dispatch typed for this file's thunks (cache patches and tag invalidations). */
export const useDealsDispatch = () => useDispatch<BoardDispatch>();
