import type { MessageChannel, MessageDetail, MessageView } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

export interface OutboxFilter {
  channel?: MessageChannel;
  limit?: number;
}

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['OutboxList', 'OutboxMessage'] });

/** The outbox routes (api/src/routes/messaging/outbox-routes.ts): list, one message, its source, a simulated reply. */
export const outboxApi = api.injectEndpoints({
  endpoints: (build) => ({
    listOutbox: build.query<MessageView[], OutboxFilter>({
      query: ({ channel, limit = 100 }) => ({ url: '/outbox', params: { limit, ...(channel ? { channel } : {}) } }),
      transformResponse: (body: { items: MessageView[] }) => body.items,
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
    simulateReply: build.mutation<MessageView, { id: string; text: string }>({
      query: ({ id, text }) => ({ url: `/outbox/${id}/reply`, method: 'POST', body: { text } }),
      invalidatesTags: (_r, _e, { id }) => ['OutboxList', { type: 'OutboxMessage', id }],
    }),
  }),
});

export const { useListOutboxQuery, useGetOutboxMessageQuery, useGetOutboxRawQuery, useSimulateReplyMutation } =
  outboxApi;
