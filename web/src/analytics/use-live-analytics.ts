import { useEffect, useRef } from 'react';
import { useMeQuery } from '../api/cadenza-api';
import { useApiDispatch } from '../crm-shared/use-api-dispatch';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { analyticsApi, flowReportsTag } from './analytics-api';
import { RefreshThrottle } from './refresh-throttle';
import { reportsChangedBy, type AnalyticsReport } from './refresh-scope';

/** Reports are aggregates over days: a few seconds late is live enough, and spares the database. */
export const ANALYTICS_REFRESH_MS = 3000;

/**
 * Keeps the analytics page current: domain events of the flow on screen (its runs, its
 * messages) refetch its funnel and A/B results, users' CRM writes and messages refetch rep
 * activity, each at most once per ANALYTICS_REFRESH_MS. A resync after a gap refetches both.
 */
export function useLiveAnalytics(flowId: string): void {
  const dispatch = useApiDispatch();
  const tenantId = useMeQuery().data?.tenant.id;
  const flow = useRef(flowId);
  flow.current = flowId;
  const throttle = useRef<RefreshThrottle<AnalyticsReport> | null>(null);
  throttle.current ??= new RefreshThrottle<AnalyticsReport>((reports) => {
    const tags = reports.map((report) =>
      report === 'flow' ? flowReportsTag(flow.current) : ('AnalyticsReps' as const),
    );
    dispatch(analyticsApi.util.invalidateTags(tags));
  }, ANALYTICS_REFRESH_MS);
  useEffect(() => () => throttle.current?.cancel(), []);

  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event) => {
      for (const report of reportsChangedBy(event, flow.current)) throttle.current?.request(report);
    },
    onResync: (reason) => {
      if (reason !== 'reset') return;
      throttle.current?.request('flow');
      throttle.current?.request('reps');
    },
  });
}
