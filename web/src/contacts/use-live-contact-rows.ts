import { useCallback, useRef, useState } from 'react';
import type { Contact, LiveEvent, Page } from '@cadenza/core';
import { useApiDispatch } from '../crm-shared/use-api-dispatch';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { contactsApi } from './contacts-api';
import type { ContactListArgs } from './contact-query';
import { applyRowChanges, locateRows } from './row-index';

const BATCH_SIZE = 200;

/**
 * Keeps the loaded rows of the contacts table live: a changed contact that is on the list is
 * refetched (in batches) and replaced in place; a deleted one is removed; new contacts are
 * counted for a "refresh" hint rather than pushed into a sorted, filtered list.
 */
export function useLiveContactRows(
  tenantId: string,
  args: ContactListArgs,
  pages: readonly Page<Contact>[] | undefined,
  refetch: () => void,
): { created: number; clearCreated: () => void } {
  const dispatch = useApiDispatch();
  const [created, setCreated] = useState(0);
  // One refresh in flight at a time: the first change fetches at once (latency), the ones that
  // arrive meanwhile (a bulk action sends one event per contact) wait and go together after it.
  const state = useRef({ args, pages, pending: new Set<string>(), busy: false });
  state.current.args = args;
  state.current.pages = pages;

  const patch = useCallback(
    (fresh: Contact[], gone: string[]) => {
      const { args: current, pages: loaded } = state.current;
      if (!loaded) return;
      const positions = locateRows(loaded, [...fresh.map((c) => c.id), ...gone]);
      if (positions.size === 0) return;
      dispatch(
        contactsApi.util.updateQueryData('listContacts', current, (draft) => {
          applyRowChanges(draft.pages, positions, fresh, gone);
        }),
      );
    },
    [dispatch],
  );

  const flush = useCallback(async () => {
    const s = state.current;
    if (s.busy || s.pending.size === 0) return;
    s.busy = true;
    const loaded = s.pages ? locateRows(s.pages, s.pending) : new Map();
    s.pending.clear();
    const ids = [...loaded.keys()];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) {
      const chunk = ids.slice(i, i + BATCH_SIZE);
      const request = dispatch(
        contactsApi.endpoints.contactsByIds.initiate(chunk, { subscribe: false, forceRefetch: true }),
      );
      try {
        const fresh = await request.unwrap();
        const seen = new Set(fresh.map((c) => c.id));
        patch(
          fresh,
          chunk.filter((id) => !seen.has(id)),
        );
      } catch {
        // A failed refresh leaves the old row; the next event or a reload brings it up to date.
      }
    }
    s.busy = false;
    void flush();
  }, [dispatch, patch]);

  useLiveRecords([tenantId ? `tenant:${tenantId}` : ''], {
    onEvent: (event: LiveEvent) => {
      if (event.subject !== 'contact') return;
      if (event.type === 'contact.created') {
        setCreated((n) => n + 1);
        return;
      }
      if (event.type === 'contact.deleted') {
        patch([], [event.subjectId]);
        return;
      }
      if (event.type !== 'contact.updated') return;
      state.current.pending.add(event.subjectId);
      // After this task, so the events of one socket frame go together.
      setTimeout(() => void flush(), 0);
    },
    onResync: (reason) => {
      if (reason === 'reset') refetch();
    },
  });

  return { created, clearCreated: () => setCreated(0) };
}
