import { useDispatch } from 'react-redux';
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import type { Deal, Page, Pipeline } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';
import { moveDeal } from './board-columns';

/** A board shows every deal of a pipeline; past this many it says so instead of paging. */
export const BOARD_DEAL_LIMIT = 1000;
const PAGE = 200;

export interface BoardDeals {
  deals: Deal[];
  /** More deals exist than the board loaded. */
  truncated: boolean;
}

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['Pipeline', 'BoardDeals'] });

export const dealsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listPipelines: build.query<Pipeline[], void>({
      query: () => '/pipelines?limit=200',
      transformResponse: (body: Page<Pipeline>) => body.items,
      providesTags: ['Pipeline'],
    }),
    /** Every deal of one pipeline, page after page (the list API pages by 200). */
    boardDeals: build.query<BoardDeals, string>({
      async queryFn(pipelineId, _api, _extra, baseQuery) {
        const deals: Deal[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/deals?pipelineId=${encodeURIComponent(pipelineId)}&limit=${PAGE}${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`;
          const result = await baseQuery(url);
          if (result.error) return { error: result.error };
          const page = result.data as Page<Deal>;
          deals.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && deals.length < BOARD_DEAL_LIMIT);
        return { data: { deals, truncated: cursor !== null } };
      },
      providesTags: (_r, _e, pipelineId) => [{ type: 'BoardDeals', id: pipelineId }],
    }),
    /**
     * Moves a deal to a stage. The board shows the move at once; a refusal puts the card
     * back (the patch is undone) and the caller shows why.
     */
    moveDealStage: build.mutation<Deal, { dealId: string; pipelineId: string; stageId: string }>({
      query: ({ dealId, stageId }) => ({ url: `/deals/${dealId}/stage`, method: 'PATCH', body: { stageId } }),
      async onQueryStarted({ dealId, pipelineId, stageId }, { dispatch, queryFulfilled }) {
        const patch = dispatch(
          dealsApi.util.updateQueryData('boardDeals', pipelineId, (draft) => {
            draft.deals = moveDeal(draft.deals, dealId, stageId);
          }),
        );
        try {
          const { data } = await queryFulfilled;
          // The server's copy (new updatedAt) replaces the optimistic one.
          dispatch(
            dealsApi.util.updateQueryData('boardDeals', pipelineId, (draft) => {
              draft.deals = draft.deals.map((deal) => (deal.id === data.id ? data : deal));
            }),
          );
        } catch {
          patch.undo();
        }
      },
    }),
  }),
});

export const { useListPipelinesQuery, useBoardDealsQuery, useMoveDealStageMutation } = dealsApi;

/** The root state the injected endpoints' thunks expect (the store's, seen through this api). */
type DealsRootState = ReturnType<Parameters<ReturnType<typeof dealsApi.util.updateQueryData>>[1]>;
/** Dispatch typed for this file's thunks (cache patches and tag invalidations). */
export const useDealsDispatch = () => useDispatch<ThunkDispatch<DealsRootState, unknown, UnknownAction>>();
