import { useCallback, useMemo, useState } from 'react';
import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import type { ContactViewFilters, SavedView } from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { BulkActionsBar } from './bulk-actions-bar';
import { ContactFilters } from './contact-filters';
import {
  activeFilterCount,
  contactListSearch,
  DEFAULT_SORT,
  normalizeFilters,
  type ContactListArgs,
} from './contact-query';
import { useCustomFieldsQuery, useListContactsInfiniteQuery } from './contacts-api';
import { ContactsTable } from './contacts-table';
import { SavedViewsMenu } from './saved-views-menu';
import { useLiveContactRows } from './use-live-contact-rows';
import { useOwnerOptions } from './use-owner-options';

/** /contacts: the sales rep's list, filtered and sorted on the server, loaded page by page, live. */
export function ContactsPage() {
  const me = useMeQuery();
  const session = me.data!;
  const [args, setArgs] = useState<ContactListArgs>({ filters: {}, sort: DEFAULT_SORT });
  const [viewId, setViewId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const list = useListContactsInfiniteQuery(args);
  const customFields = useCustomFieldsQuery();
  const { owners, ownerLabel } = useOwnerOptions(session);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const { created, clearCreated } = useLiveContactRows(session.tenant.id, args, list.data?.pages, list.refetch);

  const setFilters = useCallback((filters: ContactViewFilters) => {
    setArgs((current) => ({ ...current, filters: normalizeFilters(filters) }));
    setSelected(new Set());
  }, []);
  const applyView = (view: SavedView | null) => {
    setViewId(view?.id ?? null);
    setArgs(view ? { filters: normalizeFilters(view.filters), sort: view.sort } : { filters: {}, sort: DEFAULT_SORT });
    setSelected(new Set());
  };
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const toggleAll = useCallback(() => {
    setSelected((current) => (current.size >= rows.length ? new Set() : new Set(rows.map((r) => r.id))));
  }, [rows]);
  const { fetchNextPage, hasNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, height: 'calc(100vh - 64px)' }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ mr: 1 }}>
          Contacts
        </Typography>
        <SavedViewsMenu current={args} activeViewId={viewId} onApply={applyView} />
        <Typography variant="body2" color="text.secondary" data-testid="contacts-count">
          {rows.length.toLocaleString()}
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
      <ContactFilters
        filters={args.filters}
        onChange={setFilters}
        customFields={customFields.data ?? []}
        owners={owners}
      />
      <BulkActionsBar selected={[...selected]} owners={owners} onDone={() => setSelected(new Set())} />
      {list.error ? <Alert severity="error">{errorMessage(list.error)}</Alert> : null}
      <ContactsTable
        rows={rows}
        hasMore={Boolean(hasNextPage)}
        loadingMore={list.isFetching}
        onLoadMore={loadMore}
        selected={selected}
        onToggle={toggle}
        onToggleAll={toggleAll}
        sort={args.sort}
        onSort={(sort) => setArgs((current) => ({ ...current, sort }))}
        ownerLabel={ownerLabel}
      />
    </Box>
  );
}
