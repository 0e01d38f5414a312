import { createApi, fetchBaseQuery, type FetchBaseQueryError } from '@reduxjs/toolkit/query/react';
import type { Flow, FlowRun, FlowValidationError, FlowVersion, FlowWarning, SessionView, StepRun } from '@cadenza/core';

export type FlowListItem = Flow & { activeRuns: number };
export type FlowRunDetail = FlowRun & { steps: StepRun[] };
export type ValidationResult = { ok: boolean; errors: FlowValidationError[]; warnings?: FlowWarning[] };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The session's CSRF token lives outside Redux state: it is a transport detail, not UI state.
let csrfToken: string | undefined;
const setCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};

async function rememberCsrf(fulfilled: Promise<{ data: SessionView }>): Promise<void> {
  try {
    setCsrfToken((await fulfilled).data.csrfToken);
  } catch {
    // A failed sign-in or an expired session leaves no token to keep.
  }
}

const rawBaseQuery = fetchBaseQuery({ baseUrl: '/api/v1', credentials: 'same-origin' });

/** Every unsafe request made with the session cookie must echo the CSRF token. */
const baseQuery: typeof rawBaseQuery = (args, api, extra) => {
  const request = typeof args === 'string' ? { url: args } : args;
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = new Headers(request.headers as HeadersInit | undefined);
  if (UNSAFE.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  return rawBaseQuery({ ...request, headers }, api, extra);
};

/** The `{code,message,details}` body of an API error, when there is one. */
export function apiErrorOf(error: unknown): { code: string; message: string; details?: unknown } | undefined {
  const data = (error as FetchBaseQueryError | undefined)?.data as { code?: unknown; message?: unknown } | undefined;
  if (data && typeof data.code === 'string' && typeof data.message === 'string') {
    return data as { code: string; message: string; details?: unknown };
  }
  return undefined;
}

/** A sentence to show for any failed request. */
export function errorMessage(error: unknown): string {
  const apiError = apiErrorOf(error);
  if (apiError) return apiError.message;
  const status = (error as FetchBaseQueryError | undefined)?.status;
  return status === 'FETCH_ERROR' ? 'The server could not be reached.' : 'Something went wrong; please try again.';
}

export const cadenzaApi = createApi({
  reducerPath: 'cadenzaApi',
  baseQuery,
  tagTypes: ['Session', 'Flow', 'Run', 'NodeCounts'],
  endpoints: (build) => ({
    me: build.query<SessionView, void>({
      query: () => '/auth/me',
      providesTags: ['Session'],
      onQueryStarted: (_arg, { queryFulfilled }) => rememberCsrf(queryFulfilled),
    }),
    login: build.mutation<SessionView, { email: string; password: string; totp?: string; acceptInvitationId?: string }>(
      {
        query: (body) => ({ url: '/auth/login', method: 'POST', body }),
        invalidatesTags: ['Session'],
        onQueryStarted: (_arg, { queryFulfilled }) => rememberCsrf(queryFulfilled),
      },
    ),
    logout: build.mutation<void, void>({
      query: () => ({ url: '/auth/logout', method: 'POST' }),
      invalidatesTags: ['Session'],
    }),
    listFlows: build.query<FlowListItem[], void>({
      query: () => '/flows',
      transformResponse: (body: { items: FlowListItem[] }) => body.items,
      providesTags: ['Flow'],
    }),
    getFlow: build.query<Flow, string>({
      query: (id) => `/flows/${id}`,
      providesTags: (_r, _e, id) => [{ type: 'Flow', id }],
    }),
    createFlow: build.mutation<Flow, { name: string; kind: Flow['kind']; draft?: unknown }>({
      query: (body) => ({ url: '/flows', method: 'POST', body }),
      invalidatesTags: ['Flow'],
    }),
    saveDraft: build.mutation<Flow, { id: string; draft: unknown }>({
      query: ({ id, draft }) => ({ url: `/flows/${id}`, method: 'PATCH', body: { draft } }),
      // The list shows "last edited"; the designer keeps its own copy, so only the list refetches.
      invalidatesTags: (result) => (result ? [{ type: 'Flow' as const }] : []),
    }),
    validateFlow: build.mutation<ValidationResult, unknown>({
      query: (definition) => ({ url: '/flows/validate', method: 'POST', body: { definition } }),
    }),
    publishFlow: build.mutation<FlowVersion, string>({
      query: (id) => ({ url: `/flows/${id}/publish`, method: 'POST' }),
      invalidatesTags: ['Flow'],
    }),
    nodeCounts: build.query<Record<string, number>, string>({
      query: (id) => `/flows/${id}/node-counts`,
      providesTags: (_r, _e, id) => [{ type: 'NodeCounts', id }],
    }),
    listRuns: build.query<FlowRun[], string>({
      query: (flowId) => `/runs?flowId=${encodeURIComponent(flowId)}`,
      transformResponse: (body: { items: FlowRun[] }) => body.items,
      providesTags: ['Run'],
    }),
    getRun: build.query<FlowRunDetail, string>({
      query: (id) => `/runs/${id}`,
      providesTags: (_r, _e, id) => [{ type: 'Run', id }],
    }),
    runAction: build.mutation<void, { id: string; action: 'pause' | 'resume' | 'cancel' | 'retry' | 'skip-wait' }>({
      query: ({ id, action }) => ({
        url: `/runs/${id}/${action}`,
        method: 'POST',
        body: action === 'cancel' ? { reason: 'cancelled in the designer' } : undefined,
      }),
      invalidatesTags: (_r, _e, { id }) => [{ type: 'Run', id }, 'Run'],
    }),
  }),
});

export const {
  useMeQuery,
  useLoginMutation,
  useLogoutMutation,
  useListFlowsQuery,
  useGetFlowQuery,
  useCreateFlowMutation,
  useSaveDraftMutation,
  useValidateFlowMutation,
  usePublishFlowMutation,
  useNodeCountsQuery,
  useListRunsQuery,
  useGetRunQuery,
  useRunActionMutation,
} = cadenzaApi;
