import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import type { Contact, ContactViewFilters, SavedView } from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { BulkActionsBar } from './bulk-actions-bar';
import { ContactFilters } from './contact-filters';
import { activeFilterCount, contactListSearch, normalizeFilters, type ContactListArgs } from './contact-query';
import { INITIAL_CONTACT_ARGS } from './contacts-page-data';
import { useCustomFieldsQuery, useListContactsInfiniteQuery } from './contacts-api';
import { ContactsTable } from './contacts-table';
import { pagedRows, type PagedRows } from './paged-rows';
import { SavedViewsMenu } from './saved-views-menu';
import { useLiveContactRows } from './use-live-contact-rows';
import { useOwnerOptions } from './use-owner-options';
import { formatCount } from '../format/plain-format';
import { CONTACTS_TITLE } from '../shell/deep-link-pages';
import { SemanticContactResults } from '../knowledge/semantic-contact-results';

// The toolbar above the table re-renders only when its own inputs change, not with every page loaded.
const Filters = memo(ContactFilters);
const BulkActions = memo(BulkActionsBar);
const NO_FIELDS: never[] = [];

/** /contacts: the sales rep's list, filtered and sorted on the server, loaded page by page, live. */
export function ContactsPage() {
  const me = useMeQuery();
  const session = me.data!;
  const [args, setArgs] = useState<ContactListArgs>(INITIAL_CONTACT_ARGS);
  const [viewId, setViewId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const list = useListContactsInfiniteQuery(args);
  const customFields = useCustomFieldsQuery();
  const { owners, ownerLabel } = useOwnerOptions(session);
  // A view over the loaded pages, not a copy: a new page costs a step per page, not per row.
  const previousRows = useRef<PagedRows<Contact> | undefined>(undefined);
  const rows = useMemo(() => pagedRows(list.data?.pages, previousRows.current), [list.data?.pages]);
  previousRows.current = rows;
  // A page arrives as an urgent store update; the table draws its rows as a transition instead,
  // in slices between which the browser stays responsive (mobile total blocking time, issue 8).
  const shownRows = useDeferredValue(rows);
  const { created, clearCreated } = useLiveContactRows(session.tenant.id, args, list.data?.pages, list.refetch);

  const setFilters = useCallback((filters: ContactViewFilters) => {
    setArgs((current) => ({ ...current, filters: normalizeFilters(filters) }));
    setSelected(new Set());
  }, []);
  const applyView = useCallback((view: SavedView | null) => {
    setViewId(view?.id ?? null);
    setArgs(view ? { filters: normalizeFilters(view.filters), sort: view.sort } : INITIAL_CONTACT_ARGS);
    setSelected(new Set());
  }, []);
  // Search by meaning replaces the table with the contacts whose notes and timeline match.
  const [meaningQuery, setMeaningQuery] = useState<string | null>(null);
  const meaning = useMemo(
    () => ({
      on: meaningQuery !== null,
      onToggle: (on: boolean, text: string) => {
        setMeaningQuery(on ? text : null);
        setArgs((current) => ({
          ...current,
          filters: normalizeFilters({ ...current.filters, q: on ? undefined : text || undefined }),
        }));
      },
      onQuery: (text: string) => setMeaningQuery(text),
    }),
    [meaningQuery !== null], // stable while the mode stays: the memoized toolbar does not re-render per keystroke
  );
  const clearSelection = useCallback(() => setSelected(new Set()), []);
  const selectedIds = useMemo(() => [...selected], [selected]);
  const onSort = useCallback((sort: string) => setArgs((current) => ({ ...current, sort })), []);
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const toggleAll = useCallback(() => {
    setSelected((current) =>
      current.size >= rows.length ? new Set() : new Set(rows.pages.flatMap((page) => page.items.map((r) => r.id))),
    );
  }, [rows]);
  const { fetchNextPage, hasNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, height: 'calc(100vh - 64px)' }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        {/* index.html draws the same heading at the same place before any script (deep-link-pages.ts). */}
        <Typography variant="h5" component="h1" sx={{ mr: 1 }}>
          {CONTACTS_TITLE}
        </Typography>
        <SavedViewsMenu current={args} activeViewId={viewId} onApply={applyView} />
        {/* One line whatever the count, so the list below does not move when the first page arrives. */}
        <Typography variant="body2" color="text.secondary" data-testid="contacts-count" sx={{ whiteSpace: 'nowrap' }}>
          {formatCount(rows.length)}
          {hasNextPage ? '+' : ''} loaded
          {activeFilterCount(args.filters) ? ` · ${activeFilterCount(args.filters)} filters` : ''}
        </Typography>
        {created > 0 && (
          <Chip
            size="small"
            color="info"
            label={`${created} new — refresh`}
            onClick={() => {
              clearCreated();
              void list.refetch();
            }}
          />
        )}
        <Box sx={{ flex: 1 }} />
        <Button size="small" component="a" href={`/api/v1/contacts/export.csv?${contactListSearch(args)}`} download>
          Export CSV
        </Button>
      </Stack>
      <Filters
        filters={args.filters}
        onChange={setFilters}
        customFields={customFields.data ?? NO_FIELDS}
        owners={owners}
        meaning={meaning}
      />
      <BulkActions selected={selectedIds} owners={owners} onDone={clearSelection} />
      {list.error ? <Alert severity="error">{errorMessage(list.error)}</Alert> : null}
      {meaningQuery !== null ? (
        <SemanticContactResults query={meaningQuery} />
      ) : (
        <ContactsTable
          rows={shownRows}
          hasMore={Boolean(hasNextPage)}
          loadingMore={list.isFetching}
          onLoadMore={loadMore}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          sort={args.sort}
          onSort={onSort}
          ownerLabel={ownerLabel}
        />
      )}
    </Box>
  );
}
