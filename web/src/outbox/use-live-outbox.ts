import { useCallback, useRef } from 'react';
import type { MessageView, Page } from '@cadenza/core';
import { useMeQuery } from '../api/cadenza-api';
import { useApiDispatch } from '../crm-shared/use-api-dispatch';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { outboxApi } from './outbox-api';
import { isLoaded, withMessage, type OutboxFilter } from './outbox-pages';

/** Past this many messages in one go (a campaign going out) one refetch is cheaper than one request each. */
const REFETCH_ABOVE = 20;

/**
 * Keeps the outbox current without reloading every page it has loaded: a message just sent
 * is fetched and slotted into the top of the list; an event on a loaded message (open,
 * click, reply, bounce) refetches that message and replaces it in place; the open message
 * refreshes too. A burst, or a resync after a gap, refetches the list instead.
 */
export function useLiveOutbox(
  filter: OutboxFilter,
  pages: readonly Page<MessageView>[] | undefined,
  refetch: () => void,
): void {
  const dispatch = useApiDispatch();
  const tenantId = useMeQuery().data?.tenant.id;
  const state = useRef({ filter, pages, refetch, pending: new Map<string, boolean>() });
  state.current.filter = filter;
  state.current.pages = pages;
  state.current.refetch = refetch;

  const show = useCallback(
    async (id: string) => {
      try {
        const detail = await dispatch(
          outboxApi.endpoints.getOutboxMessage.initiate(id, { subscribe: false, forceRefetch: true }),
        ).unwrap();
        const { html: _html, ...view } = detail;
        const current = state.current.filter;
        dispatch(
          outboxApi.util.updateQueryData('listOutbox', current, (draft) => {
            draft.pages = withMessage(draft.pages, view, current);
          }),
        );
      } catch {
        // The message is gone or the API is unreachable: the next event or a resync brings the list up to date.
      }
    },
    [dispatch],
  );

  const flush = useCallback(() => {
    const { pending, pages: loaded } = state.current;
    const wanted = [...pending].filter(([id, created]) => created || isLoaded(loaded, id)).map(([id]) => id);
    pending.clear();
    if (wanted.length > REFETCH_ABOVE) state.current.refetch();
    else for (const id of wanted) void show(id);
  }, [show]);

  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event) => {
      if (event.subject !== 'message') return;
      const { pending } = state.current;
      const first = pending.size === 0;
      pending.set(event.subjectId, pending.get(event.subjectId) === true || event.type === 'message.created');
      // After this task, so the events of one socket frame go together.
      if (first) setTimeout(flush, 0);
    },
    onResync: (reason) => {
      if (reason !== 'resumed') state.current.refetch();
    },
  });
}
