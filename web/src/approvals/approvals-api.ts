import type { AgentDraft, Approval, ApprovalStatus } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['ApprovalList'] });

/** The approvals inbox routes (api/src/routes/ai/approval-routes.ts). */
export const approvalsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listApprovals: build.query<Approval[], ApprovalStatus>({
      query: (status) => ({ url: '/approvals', params: { status, limit: 100 } }),
      transformResponse: (body: { items: Approval[] }) => body.items,
      providesTags: ['ApprovalList'],
    }),
    approveDraft: build.mutation<Approval, { id: string; draft?: AgentDraft }>({
      query: ({ id, draft }) => ({ url: `/approvals/${id}/approve`, method: 'POST', body: draft ? { draft } : {} }),
      invalidatesTags: ['ApprovalList'],
    }),
    rejectDraft: build.mutation<Approval, { id: string; reason?: string }>({
      query: ({ id, reason }) => ({ url: `/approvals/${id}/reject`, method: 'POST', body: reason ? { reason } : {} }),
      invalidatesTags: ['ApprovalList'],
    }),
  }),
});

export const { useListApprovalsQuery, useApproveDraftMutation, useRejectDraftMutation } = approvalsApi;
