import { useMeQuery } from '../api/cadenza-api';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { useAppDispatch } from '../store';
import { approvalsApi } from './approvals-api';

/**
 * Keeps the inbox current: a draft requested or decided anywhere in the workspace (another
 * reviewer, a timeout) refetches the list; a resync after a gap refetches it too.
 */
export function useLiveApprovals(): void {
  const dispatch = useAppDispatch();
  const tenantId = useMeQuery().data?.tenant.id;
  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event) => {
      if (event.subject === 'approval') dispatch(approvalsApi.util.invalidateTags(['ApprovalList']));
    },
    onResync: () => dispatch(approvalsApi.util.invalidateTags(['ApprovalList'])),
  });
}
