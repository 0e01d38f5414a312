import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type MouseEvent,
  type RefObject,
} from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router-dom';
import { Box, Typography } from '@mui/material';
import type { Contact } from '@cadenza/core';
import { contactName, formatDateTime, humanize } from './contact-format';
import type { PagedRows } from './paged-rows';
import { rowSlot, visibleWindow, type RowWindow } from './visible-window';

export const ROW_HEIGHT = 40;
/** Ask for the next page when the last rendered row is this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 150;
/** Rows kept in the DOM above and below the viewport, so a flick does not show blank rows. */
const OVERSCAN_ROWS = 8;

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
  selected: boolean;
  onToggle: (id: string) => void;
  ownerLabel: (id: string | null) => string;
}

/**
 * One row; memoised so a live change or a new page repaints only the rows whose props
 * changed. The name is a plain link (the grid routes its clicks), so a row carries no router
 * hooks: scrolling re-renders several rows a frame.
 */
const ContactRow = memo(function ContactRow({ contact, index, selected, onToggle, ownerLabel }: RowProps) {
  return (
    <div
      className={`row${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-contact-id={contact.id}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
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
            <a href={`/contacts/${contact.id}`} data-route>
              {contactName(contact)}
            </a>
          ) : (
            column.cell(contact, ownerLabel)
          )}
        </span>
      ))}
    </div>
  );
});

/** A plain left click on one of the grid's `data-route` links navigates in the app; others stay native (new tab…). */
function routedHref(event: MouseEvent): string | null {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = (event.target as Element).closest?.('a[data-route]');
  return link?.getAttribute('href') ?? null;
}

/**
 * The rows in view for the scroller: follows scrolling and resizing, and re-renders only when
 * the window of rows moves (not on every scroll event within one row).
 */
function useRowWindow(scroller: RefObject<HTMLDivElement | null>, count: number) {
  const [view, setView] = useState({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let height = element.clientHeight;
    const update = (sync: boolean) => {
      const top = element.scrollTop;
      const apply = () =>
        setView((current) =>
          current.height === height && Math.floor(current.top / ROW_HEIGHT) === Math.floor(top / ROW_HEIGHT)
            ? current
            : { top, height },
        );
      // Render the new rows in the scroll event itself, before this frame's paint: deferred,
      // the frame would show the old rows moved away (blank) and the render would cost a frame of its own.
      if (sync) flushSync(apply);
      else apply();
    };
    const onScroll = () => update(true);
    update(false);
    element.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(([entry]) => {
      height = entry?.contentRect.height ?? element.clientHeight;
      update(false);
    });
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scroller]);
  const rowWindow: RowWindow = visibleWindow(view.top, view.height, ROW_HEIGHT, count, OVERSCAN_ROWS);
  // Enough slots for the largest window this viewport can show.
  const slots = Math.ceil(view.height / ROW_HEIGHT) + 1 + 2 * OVERSCAN_ROWS;
  return { rowWindow, slots };
}

export interface ContactsTableProps {
  rows: PagedRows<Contact>;
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
 * transform, so 100,000 loaded contacts scroll like 30. Rows have one height, so the window is
 * arithmetic on the scroll offset, and each DOM row is a slot reused by the rows scrolling
 * through it. Reaching the end asks for the next keyset page.
 */
export const ContactsTable = memo(function ContactsTable(props: ContactsTableProps) {
  const { rows, hasMore, loadingMore, onLoadMore, selected, onToggle, onToggleAll, sort, onSort, ownerLabel } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const { rowWindow, slots } = useRowWindow(scroller, rows.length);
  useEffect(() => {
    if (hasMore && !loadingMore && rowWindow.end >= rows.length - LOAD_AHEAD_ROWS) onLoadMore();
  }, [hasMore, loadingMore, rowWindow.end, rows.length, onLoadMore]);
  const onClick = useCallback(
    (event: MouseEvent) => {
      const href = routedHref(event);
      if (!href) return;
      event.preventDefault();
      void navigate(href);
    },
    [navigate],
  );

  // One entry per slot, in slot order, so React never moves DOM rows, only refills them.
  const slotRows = [];
  for (let slot = 0; slot < slots; slot++) {
    const index = rowWindow.start + ((slot - rowSlot(rowWindow.start, slots) + slots) % slots);
    if (index >= rowWindow.end) continue;
    const contact = rows.at(index);
    slotRows.push(
      <ContactRow
        key={slot}
        contact={contact}
        index={index}
        selected={selected.has(contact.id)}
        onToggle={onToggle}
        ownerLabel={ownerLabel}
      />,
    );
  }

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
      <Box
        ref={scroller}
        data-testid="contacts-scroller"
        onClick={onClick}
        sx={{ flex: 1, minHeight: 0, overflow: 'auto', overflowAnchor: 'none' }}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>{slotRows}</div>
        {rows.length === 0 && !loadingMore && (
          <Typography sx={{ p: 3 }} color="text.secondary">
            No contacts match these filters.
          </Typography>
        )}
      </Box>
    </Box>
  );
});
