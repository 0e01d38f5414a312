import type { AbConversionMetric, FlowAbTests, FlowFunnel, RepActivityReport } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

export interface RangeArgs {
  from: string;
  to: string;
  timezone: string;
}

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['AnalyticsFlow', 'AnalyticsReps'] });

/** A flow's reports (funnel and A/B splits) carry this tag, so live events refresh them together. */
export const flowReportsTag = (flowId: string) => ({ type: 'AnalyticsFlow' as const, id: flowId });

/** The analytics routes (api/src/routes/analytics/analytics-routes.ts). */
export const analyticsApi = api.injectEndpoints({
  endpoints: (build) => ({
    flowFunnel: build.query<FlowFunnel, RangeArgs & { flowId: string }>({
      query: ({ flowId, ...range }) => ({ url: `/analytics/flows/${flowId}/funnel`, params: range }),
      providesTags: (_r, _e, { flowId }) => [flowReportsTag(flowId)],
    }),
    flowAbTests: build.query<FlowAbTests, RangeArgs & { flowId: string; metric: AbConversionMetric }>({
      query: ({ flowId, ...params }) => ({ url: `/analytics/flows/${flowId}/ab-tests`, params }),
      providesTags: (_r, _e, { flowId }) => [flowReportsTag(flowId)],
    }),
    repActivity: build.query<RepActivityReport, RangeArgs>({
      query: (range) => ({ url: '/analytics/rep-activity', params: range }),
      providesTags: ['AnalyticsReps'],
    }),
  }),
});

export const { useFlowFunnelQuery, useFlowAbTestsQuery, useRepActivityQuery } = analyticsApi;
