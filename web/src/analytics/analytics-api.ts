import type { AbConversionMetric, FlowAbTests, FlowFunnel, RepActivityReport } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

export interface RangeArgs {
  from: string;
  to: string;
  timezone: string;
}

/** The analytics routes (api/src/routes/analytics/analytics-routes.ts). */
export const analyticsApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    flowFunnel: build.query<FlowFunnel, RangeArgs & { flowId: string }>({
      query: ({ flowId, ...range }) => ({ url: `/analytics/flows/${flowId}/funnel`, params: range }),
    }),
    flowAbTests: build.query<FlowAbTests, RangeArgs & { flowId: string; metric: AbConversionMetric }>({
      query: ({ flowId, ...params }) => ({ url: `/analytics/flows/${flowId}/ab-tests`, params }),
    }),
    repActivity: build.query<RepActivityReport, RangeArgs>({
      query: (range) => ({ url: '/analytics/rep-activity', params: range }),
    }),
  }),
});

export const { useFlowFunnelQuery, useFlowAbTestsQuery, useRepActivityQuery } = analyticsApi;
