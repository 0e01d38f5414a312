import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router-dom';
import { Typography, useTheme, type Theme } from '@mui/material';
import type { Contact } from '@cadenza/core';
import { contactName, humanize } from './contact-format';
import { formatDateTime } from '../format/plain-format';
import type { PagedRows } from './paged-rows';
import { focusedRowControl, refocusRowControl } from './row-focus';
import { nextSlotOffset, slottedWindow, type SlotAssignment, type SlottedWindow } from './visible-window';
import './contacts-table.css';

export const ROW_HEIGHT = 40;
/**
 * Ask for the next page when the last rendered row is this close to the end of what is loaded.
 * Less than a page, so opening the list fetches one page only.
 */
const LOAD_AHEAD_ROWS = 150;
/**
 * While scrolling, look further ahead: as far as the scroll goes in this many frames at its
 * current speed, so a page asked for now (one request after another) is in before the rows
 * run out. A fling faster than the pages arrive (the bench's 30 rows a frame is 9 pages a
 * second) still waits at the bottom: that is throughput, not look-ahead.
 */
const LOAD_AHEAD_FRAMES = 60;
/** The most the look-ahead grows to (ten pages), so a jump of the scrollbar thumb is no fling. */
const LOAD_AHEAD_MAX_ROWS = 2000;
/** A scroll speed older than this is stale: the list has stopped. */
const SCROLL_SPEED_MAX_AGE_MS = 250;
/**
 * Rows kept in the DOM above and below the viewport: rows are refilled in the scroll event, so
 * these only cover what a compositor-driven scroll shows before the next frame's refill and
 * the row Tab moves to next.
 */
const OVERSCAN_ROWS = 4;

interface Column {
  key: string;
  label: string;
  /** Narrowest width in px; below the sum of these the grid scrolls sideways (tablets). */
  min: number;
  /** Share of the width left over, for the columns that stretch. */
  grow?: number;
  /** The API sort field this header toggles, when the column is sortable. */
  sort?: string;
  cell: (c: Contact, ownerLabel: (id: string | null) => string) => string | number;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', min: 160, grow: 1.4, sort: 'lastName', cell: contactName },
  { key: 'email', label: 'Email', min: 180, grow: 1.5, sort: 'email', cell: (c) => c.email ?? '—' },
  { key: 'company', label: 'Company', min: 120, grow: 1, cell: (c) => c.companyName ?? '—' },
  { key: 'stage', label: 'Stage', min: 170, cell: (c) => humanize(c.lifecycleStage) },
  { key: 'owner', label: 'Owner', min: 130, cell: (c, owner) => owner(c.ownerId) },
  { key: 'tags', label: 'Tags', min: 100, grow: 1, cell: (c) => c.tags.join(', ') },
  { key: 'score', label: 'Score', min: 70, sort: 'score', cell: (c) => c.score },
  { key: 'updated', label: 'Updated', min: 170, sort: 'updatedAt', cell: (c) => formatDateTime(c.updatedAt) },
];
const CHECKBOX_COLUMN_PX = 36;
const GRID = [
  `${CHECKBOX_COLUMN_PX}px`,
  ...COLUMNS.map((c) => (c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`)),
].join(' ');
const MIN_WIDTH = COLUMNS.reduce((sum, c) => sum + c.min, CHECKBOX_COLUMN_PX);

interface RowProps {
  contact: Contact;
  index: number;
  selected: boolean;
  onToggle: (id: string) => void;
  ownerLabel: (id: string | null) => string;
}

/**
 * One row, in normal flow inside the window: it carries no position of its own, so refilling
 * it with another contact changes text and attributes only, never its style. Memoised so a live
 * change or a new page repaints only the rows whose props changed. The name is a plain link (the
 * grid routes its clicks), so a row carries no router hooks.
 */
const ContactRow = memo(function ContactRow({ contact, index, selected, onToggle, ownerLabel }: RowProps) {
  const name = contactName(contact);
  return (
    <div
      className={selected ? 'contacts-row selected' : 'contacts-row'}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-contact-id={contact.id}
    >
      <span role="gridcell">
        <input type="checkbox" aria-label={`select ${name}`} checked={selected} onChange={() => onToggle(contact.id)} />
      </span>
      {COLUMNS.map((column) => (
        <span key={column.key} role="gridcell" data-col={column.key}>
          {column.key === 'name' ? (
            <a href={`/contacts/${contact.id}`} data-route>
              {name}
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

interface ScrollWindow extends SlottedWindow {
  /** Rows the list moved per frame lately (0 once it stops), for the page look-ahead. */
  rowsPerFrame: () => number;
}

/**
 * The rows in view for the scroller: follows scrolling and resizing, and re-renders only when
 * the window of rows moves (not on every scroll event within one row: then only the browser's
 * own scroll offset changes, and the frame runs no script beyond this check).
 */
function useRowWindow(scroller: RefObject<HTMLDivElement | null>, count: number): ScrollWindow {
  // The first render fills the screen's height (the scroller is never taller) rather than reading
  // the scroller's or the window's: reading either lays the whole page out inside React's commit,
  // one long task on a phone (mobile Lighthouse, issue 8). The resize observer's first report,
  // after the browser's own layout, trims the rows to the scroller's real height.
  const [view, setView] = useState(() => ({ top: 0, height: window.screen.height }));
  const speed = useRef({ rows: 0, at: 0 });
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Kept from the resize observer, so a scroll event reads the scroll offset and nothing else.
    let height = window.screen.height;
    // A new scroller starts at the top; reading scrollTop here would force that same layout.
    let lastTop = 0;
    // The first row and height last rendered, so a scroll within one row skips React entirely.
    let shown = { first: -1, height: -1 };
    const update = (top: number) => {
      shown = { first: Math.floor(top / ROW_HEIGHT), height };
      setView((current) =>
        current.height === height && Math.floor(current.top / ROW_HEIGHT) === Math.floor(top / ROW_HEIGHT)
          ? current
          : { top, height },
      );
    };
    const onScroll = () => {
      const top = element.scrollTop;
      const moved = Math.abs(top - lastTop) / ROW_HEIGHT;
      const now = performance.now();
      // A decaying peak: one slow frame in a fling does not drop the look-ahead.
      const recent = now - speed.current.at < SCROLL_SPEED_MAX_AGE_MS ? speed.current.rows * 0.9 : 0;
      speed.current = { rows: Math.max(moved, recent), at: now };
      lastTop = top;
      if (Math.floor(top / ROW_HEIGHT) === shown.first && height === shown.height) return;
      // Chromium fires scroll once per frame, just before requestAnimationFrame callbacks, so
      // rendering here is rendering in the frame: deferred, the frame would show the old rows
      // moved away (blank) and the render would cost a frame of its own.
      const focus = focusedRowControl(element);
      flushSync(() => update(top));
      refocusRowControl(element, focus);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(([entry]) => {
      height = entry?.contentRect.height ?? element.clientHeight;
      update(element.scrollTop);
    });
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scroller]);
  const rowsPerFrame = useCallback(
    () => (performance.now() - speed.current.at < SCROLL_SPEED_MAX_AGE_MS ? speed.current.rows : 0),
    [],
  );
  // The sticky header covers the viewport's first row height.
  const rowsHeight = view.height - ROW_HEIGHT;
  return { ...slottedWindow(view.top, rowsHeight, ROW_HEIGHT, count, OVERSCAN_ROWS), rowsPerFrame };
}

type RowsProps = Pick<
  ContactsTableProps,
  'rows' | 'hasMore' | 'loadingMore' | 'onLoadMore' | 'selected' | 'onToggle' | 'ownerLabel'
> & {
  /** The header row, sticky at the top of the scroller so it scrolls sideways with the rows. */
  header: ReactNode;
};

/**
 * The scrolling part of the grid. The rows in the window are rendered in order inside one block
 * moved by one transform, each in a slot (its key) that it keeps while it stays in the window:
 * a scroll of a few rows moves the DOM rows of the contacts that left to the other end and
 * refills only those, and a longer jump refills every row in place. Either way the browser
 * restyles and lays out only rows whose contact changed. The header comes in as an element made
 * by the parent, so a scroll does not re-render it.
 */
function ContactRows({ header, rows, hasMore, loadingMore, onLoadMore, selected, onToggle, ownerLabel }: RowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const rowWindow = useRowWindow(scroller, rows.length);
  const { rowsPerFrame } = rowWindow;
  useEffect(() => {
    const ahead = Math.min(LOAD_AHEAD_MAX_ROWS, Math.max(LOAD_AHEAD_ROWS, rowsPerFrame() * LOAD_AHEAD_FRAMES));
    if (hasMore && !loadingMore && rowWindow.end >= rows.length - ahead) onLoadMore();
  }, [hasMore, loadingMore, rowWindow.end, rows.length, onLoadMore, rowsPerFrame]);
  const onClick = useCallback(
    (event: MouseEvent) => {
      const href = routedHref(event);
      if (!href) return;
      event.preventDefault();
      void navigate(href);
    },
    [navigate],
  );

  // Which slot (DOM row) each contact renders in; see nextSlotOffset. Kept across renders: a
  // re-render for the same window (a live change, a new page) finds it unchanged.
  const slotting = useRef<SlotAssignment | null>(null);
  const offset = nextSlotOffset(slotting.current, rowWindow, rowWindow.slots);
  slotting.current = { start: rowWindow.start, end: rowWindow.end, offset };
  const windowRows = [];
  for (let index = rowWindow.start; index < rowWindow.end; index++) {
    const contact = rows.at(index);
    windowRows.push(
      <ContactRow
        key={(index + offset) % rowWindow.slots}
        contact={contact}
        index={index}
        selected={selected.has(contact.id)}
        onToggle={onToggle}
        ownerLabel={ownerLabel}
      />,
    );
  }
  return (
    <div ref={scroller} className="contacts-scroller" data-testid="contacts-scroller" onClick={onClick}>
      {header}
      <div className="contacts-extent" style={{ height: rows.length * ROW_HEIGHT }}>
        <div className="contacts-window" style={{ transform: `translateY(${rowWindow.start * ROW_HEIGHT}px)` }}>
          {windowRows}
        </div>
      </div>
      {rows.length === 0 && !loadingMore && (
        <Typography sx={{ p: 3 }} color="text.secondary">
          No contacts match these filters.
        </Typography>
      )}
    </div>
  );
}

interface HeaderProps {
  allSelected: boolean;
  onToggleAll: () => void;
  sort: string;
  onSort: (sort: string) => void;
}

const ContactsHeader = memo(function ContactsHeader({ allSelected, onToggleAll, sort, onSort }: HeaderProps) {
  const [sortField, sortDirection] = sort.split(':');
  return (
    <div className="contacts-head" role="row" aria-rowindex={1}>
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
  );
});

/** The grid's geometry and the theme's colours, as the custom properties contacts-table.css reads. */
function themeProperties(theme: Theme): CSSProperties {
  return {
    '--contacts-columns': GRID,
    '--contacts-min-width': `${MIN_WIDTH}px`,
    '--contacts-row-height': `${ROW_HEIGHT}px`,
    '--contacts-paper': theme.palette.background.paper,
    '--contacts-divider': theme.palette.divider,
    '--contacts-radius': `${theme.shape.borderRadius}px`,
    '--contacts-head': theme.palette.grey[100],
    '--contacts-selected': theme.palette.action.selected,
    '--contacts-hover': theme.palette.action.hover,
    '--contacts-focus': theme.palette.primary.main,
  } as CSSProperties;
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
 * The contacts grid: only the rows in view (plus a few) are in the DOM, so 100,000 loaded
 * contacts scroll like 30. Rows have one height, so the window is arithmetic on the scroll
 * offset. Reaching the end asks for the next keyset page.
 */
export const ContactsTable = memo(function ContactsTable(props: ContactsTableProps) {
  const { rows, hasMore, selected, onToggleAll, sort, onSort } = props;
  const theme = useTheme();
  const style = useMemo(() => themeProperties(theme), [theme]);
  const allSelected = rows.length > 0 && selected.size >= rows.length;
  return (
    <div
      className="contacts-grid"
      role="grid"
      aria-label="contacts"
      aria-multiselectable
      aria-rowcount={hasMore ? -1 : rows.length + 1}
      style={style}
    >
      <ContactRows
        {...props}
        header={<ContactsHeader allSelected={allSelected} onToggleAll={onToggleAll} sort={sort} onSort={onSort} />}
      />
    </div>
  );
});
