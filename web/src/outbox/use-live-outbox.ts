import { useMeQuery } from '../api/cadenza-api';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { useAppDispatch } from '../store';
import { outboxApi } from './outbox-api';

/**
 * Keeps the outbox current: a message event (new message, open, click, reply, bounce)
 * refetches the list and that message; a resync after a gap refetches everything shown.
 */
export function useLiveOutbox(): void {
  const dispatch = useAppDispatch();
  const tenantId = useMeQuery().data?.tenant.id;
  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event) => {
      if (event.subject !== 'message') return;
      dispatch(outboxApi.util.invalidateTags(['OutboxList', { type: 'OutboxMessage', id: event.subjectId }]));
    },
    onResync: () => dispatch(outboxApi.util.invalidateTags(['OutboxList', 'OutboxMessage'])),
  });
}
