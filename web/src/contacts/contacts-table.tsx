import { memo, useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { Box, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Contact } from '@cadenza/core';
import { contactName, formatDateTime, humanize } from './contact-format';

export const ROW_HEIGHT = 40;
/** Ask for the next page when the last rendered row is this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 150;

interface Column {
  key: string;
  label: string;
  width: string;
  /** The API sort field this header toggles, when the column is sortable. */
  sort?: string;
  cell: (c: Contact, ownerLabel: (id: string | null) => string) => string | number;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', width: 'minmax(160px, 1.4fr)', sort: 'lastName', cell: contactName },
  { key: 'email', label: 'Email', width: 'minmax(180px, 1.5fr)', sort: 'email', cell: (c) => c.email ?? '—' },
  { key: 'company', label: 'Company', width: 'minmax(120px, 1fr)', cell: (c) => c.companyName ?? '—' },
  { key: 'stage', label: 'Stage', width: '170px', cell: (c) => humanize(c.lifecycleStage) },
  { key: 'owner', label: 'Owner', width: '130px', cell: (c, owner) => owner(c.ownerId) },
  { key: 'tags', label: 'Tags', width: 'minmax(100px, 1fr)', cell: (c) => c.tags.join(', ') },
  { key: 'score', label: 'Score', width: '70px', sort: 'score', cell: (c) => c.score },
  { key: 'updated', label: 'Updated', width: '170px', sort: 'updatedAt', cell: (c) => formatDateTime(c.updatedAt) },
];
const GRID = `36px ${COLUMNS.map((c) => c.width).join(' ')}`;

interface RowProps {
  contact: Contact;
  index: number;
  top: number;
  selected: boolean;
  onToggle: (id: string) => void;
  ownerLabel: (id: string | null) => string;
}

/** One row; memoised so a live change repaints only the row that changed. */
const ContactRow = memo(function ContactRow({ contact, index, top, selected, onToggle, ownerLabel }: RowProps) {
  return (
    <div
      className={`row${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-contact-id={contact.id}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell">
        <input
          type="checkbox"
          aria-label={`select ${contactName(contact)}`}
          checked={selected}
          onChange={() => onToggle(contact.id)}
        />
      </span>
      {COLUMNS.map((column) => (
        <span key={column.key} role="cell" data-col={column.key}>
          {column.key === 'name' ? (
            <Link to={`/contacts/${contact.id}`}>{contactName(contact)}</Link>
          ) : (
            column.cell(contact, ownerLabel)
          )}
        </span>
      ))}
    </div>
  );
});

export interface ContactsTableProps {
  rows: Contact[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  sort: string;
  onSort: (sort: string) => void;
  ownerLabel: (id: string | null) => string;
}

/**
 * The contacts grid: only the rows in view (plus a few) are in the DOM, positioned by
 * transform, so 100,000 loaded contacts scroll like 30. Reaching the end asks for the next
 * keyset page.
 */
export function ContactsTable(props: ContactsTableProps) {
  const { rows, hasMore, loadingMore, onLoadMore, selected, onToggle, onToggleAll, sort, onSort, ownerLabel } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : 0;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - LOAD_AHEAD_ROWS) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, onLoadMore]);

  const [sortField, sortDirection] = sort.split(':');
  const allSelected = rows.length > 0 && selected.size >= rows.length;
  return (
    <Box
      role="grid"
      aria-label="contacts"
      aria-rowcount={hasMore ? -1 : rows.length + 1}
      sx={{
        flex: 1,
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.paper',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        fontSize: 14,
        '& .row, & .head': {
          display: 'grid',
          gridTemplateColumns: GRID,
          alignItems: 'center',
          height: ROW_HEIGHT,
          borderBottom: 1,
          borderColor: 'divider',
        },
        '& .row': { position: 'absolute', top: 0, left: 0, right: 0, contain: 'strict' },
        '& .row.selected': { bgcolor: 'action.selected' },
        '& .row:hover': { bgcolor: 'action.hover' },
        '& .row > span, & .head > span': {
          px: 1,
          overflow: 'hidden',
          whiteSpace: 'nowrap',
          textOverflow: 'ellipsis',
        },
        '& .head': { fontWeight: 600, bgcolor: 'grey.100' },
        '& .head button': {
          all: 'unset',
          cursor: 'pointer',
          '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
        },
      }}
    >
      <div className="head" role="row" aria-rowindex={1}>
        <span role="columnheader">
          <input type="checkbox" aria-label="select all loaded" checked={allSelected} onChange={onToggleAll} />
        </span>
        {COLUMNS.map((column) => {
          const active = column.sort === sortField;
          return (
            <span
              key={column.key}
              role="columnheader"
              aria-sort={active ? (sortDirection === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {column.sort ? (
                <button
                  type="button"
                  onClick={() => onSort(`${column.sort}:${active && sortDirection === 'desc' ? 'asc' : 'desc'}`)}
                >
                  {column.label} {active ? (sortDirection === 'asc' ? '▲' : '▼') : ''}
                </button>
              ) : (
                column.label
              )}
            </span>
          );
        })}
      </div>
      <Box ref={scroller} data-testid="contacts-scroller" sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const contact = rows[item.index]!;
            return (
              <ContactRow
                key={contact.id}
                contact={contact}
                index={item.index}
                top={item.start}
                selected={selected.has(contact.id)}
                onToggle={onToggle}
                ownerLabel={ownerLabel}
              />
            );
          })}
        </div>
        {rows.length === 0 && !loadingMore && (
          <Typography sx={{ p: 3 }} color="text.secondary">
            No contacts match these filters.
          </Typography>
        )}
      </Box>
    </Box>
  );
}
