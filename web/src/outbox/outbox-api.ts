import type { MessageDetail, MessageView, Page, SimulatedReply } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';
import type { OutboxFilter } from './outbox-pages';

/** Messages the list loads at a time; scrolling to its end brings the next as many. */
export const OUTBOX_PAGE_SIZE = 50;

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['OutboxList', 'OutboxMessage'] });

/** The outbox routes (api/src/routes/messaging/outbox-routes.ts): list, one message, its source, a simulated reply. */
export const outboxApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** The list, newest first, a page at a time (keyset cursor from the previous page). */
    listOutbox: build.infiniteQuery<Page<MessageView>, OutboxFilter, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (lastPage) => lastPage.nextCursor,
      },
      query: ({ queryArg, pageParam }) => ({
        url: '/outbox',
        params: {
          limit: OUTBOX_PAGE_SIZE,
          ...(queryArg.channel ? { channel: queryArg.channel } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
        },
      }),
      providesTags: ['OutboxList'],
    }),
    getOutboxMessage: build.query<MessageDetail, string>({
      query: (id) => `/outbox/${id}`,
      providesTags: (_r, _e, id) => [{ type: 'OutboxMessage', id }],
    }),
    getOutboxRaw: build.query<string, string>({
      query: (id) => ({ url: `/outbox/${id}/raw`, responseHandler: 'text' }),
      providesTags: (_r, _e, id) => [{ type: 'OutboxMessage', id }],
    }),
    simulateReply: build.mutation<SimulatedReply, { id: string; text: string; automatic: boolean }>({
      query: ({ id, text, automatic }) => ({ url: `/outbox/${id}/reply`, method: 'POST', body: { text, automatic } }),
      invalidatesTags: (_r, _e, { id }) => ['OutboxList', { type: 'OutboxMessage', id }],
    }),
  }),
});

export const { useListOutboxInfiniteQuery, useGetOutboxMessageQuery, useGetOutboxRawQuery, useSimulateReplyMutation } =
  outboxApi;
