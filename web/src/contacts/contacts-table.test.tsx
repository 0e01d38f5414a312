import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { Contact, Page } from '@cadenza/core';
import { ContactsTable, ROW_HEIGHT, type ContactsTableProps } from './contacts-table';
import { pagedRows } from './paged-rows';

const contact = (n: number, score = n % 101): Contact => ({
  id: `c${n}`,
  firstName: `First${n}`,
  lastName: `Last${n}`,
  email: `c${n}@example.com`,
  phone: null,
  title: null,
  companyId: null,
  companyName: `Company ${n}`,
  ownerId: null,
  lifecycleStage: 'lead',
  leadStatus: null,
  source: null,
  timezone: null,
  tags: ['webinar'],
  score,
  customFields: {},
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
});

const pages = (count: number, size: number): Page<Contact>[] =>
  Array.from({ length: count }, (_, p) => ({
    items: Array.from({ length: size }, (_, i) => contact(p * size + i)),
    nextCursor: null,
  }));

function props(overrides: Partial<ContactsTableProps> = {}): ContactsTableProps {
  return {
    rows: pagedRows(pages(5, 100)),
    hasMore: false,
    loadingMore: false,
    onLoadMore: () => undefined,
    selected: new Set(),
    onToggle: () => undefined,
    onToggleAll: () => undefined,
    sort: 'updatedAt:desc',
    onSort: () => undefined,
    ownerLabel: () => 'Unassigned',
    ...overrides,
  };
}

const renderTable = (tableProps: ContactsTableProps) =>
  render(
    <MemoryRouter>
      <ContactsTable {...tableProps} />
    </MemoryRouter>,
  );

const shownIds = () =>
  Array.from(document.querySelectorAll('[data-contact-id]'), (row) => row.getAttribute('data-contact-id'));

/** jsdom lays nothing out: the scroller reports the given viewport height, and scroll events follow scrollTop. */
function scrollTo(top: number) {
  const scroller = screen.getByTestId('contacts-scroller');
  scroller.scrollTop = top;
  act(() => void fireEvent.scroll(scroller));
}

beforeAll(() => {
  // jsdom has no ResizeObserver: this one reports a scroller ten rows tall once observed, as a
  // browser's first report after layout does.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly report: (entries: Array<{ contentRect: { height: number } }>) => void) {}
      observe() {
        this.report([{ contentRect: { height: 10 * ROW_HEIGHT } }]);
      }
      disconnect() {}
    },
  );
});
afterAll(() => vi.unstubAllGlobals());
afterEach(cleanup);

describe('contacts table', () => {
  it('renders the rows in view plus a few, in order, inside an extent as tall as every loaded row', () => {
    renderTable(props());
    const ids = shownIds();
    expect(ids[0]).toBe('c0');
    expect(ids).toEqual(ids.map((_, i) => `c${i}`));
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(ids.length).toBeLessThan(20);
    expect(screen.getByRole('grid', { name: 'contacts' }).getAttribute('aria-rowcount')).toBe('501');
    const extent = document.querySelector('[data-contact-id]')!.parentElement!.parentElement!;
    expect(extent.style.height).toBe(`${500 * ROW_HEIGHT}px`);
  });

  it('keeps the DOM node of every row that stays in view and reuses the ones scrolled off', () => {
    renderTable(props());
    scrollTo(20 * ROW_HEIGHT);
    const nodeOf = () =>
      new Map(
        Array.from(document.querySelectorAll('[data-contact-id]'), (row) => [row.getAttribute('data-contact-id'), row]),
      );
    const before = nodeOf();
    scrollTo(23 * ROW_HEIGHT);
    const after = nodeOf();
    const stayed = [...after.keys()].filter((id) => before.has(id));
    expect(stayed.length).toBeGreaterThan(0);
    expect(stayed.every((id) => after.get(id) === before.get(id))).toBe(true);
    // Three rows went off the top; their nodes now show the three new rows at the bottom.
    expect(after.size - stayed.length).toBe(3);
    expect(new Set(after.values())).toEqual(new Set(before.values()));

    // A jump far down refills the same nodes, in screen order, and moves one block, not each row.
    scrollTo(300 * ROW_HEIGHT);
    const jumped = Array.from(document.querySelectorAll('[data-contact-id]'));
    // Nothing in common with the last window: the nodes keep their order and are refilled, none moves.
    expect(jumped).toEqual(Array.from(after.values()));
    const ids = shownIds();
    expect(ids).toContain('c300');
    expect(ids).toEqual(ids.map((_, i) => `c${Number(ids[0]!.slice(1)) + i}`));
    const windowBlock = jumped[0]!.parentElement!;
    expect(windowBlock.style.transform).toBe(`translateY(${Number(ids[0]!.slice(1)) * ROW_HEIGHT}px)`);
    expect(jumped.every((row) => !(row as HTMLElement).style.transform)).toBe(true);
    expect(jumped[0]!.getAttribute('aria-rowindex')).toBe(String(Number(ids[0]!.slice(1)) + 2));
  });

  it('keeps a focused control on its contact while the rows shift under it', () => {
    renderTable(props());
    const link = within(document.querySelector<HTMLElement>('[data-contact-id="c5"]')!).getByRole('link');
    link.focus();
    scrollTo(8 * ROW_HEIGHT);
    expect(shownIds()[0]).not.toBe('c0');
    // Still in view, the row kept its node; a jump refills that node with another contact.
    expect(document.activeElement).toBe(link);
    scrollTo(7 * ROW_HEIGHT);
    expect(document.activeElement?.closest('[data-contact-id]')?.getAttribute('data-contact-id')).toBe('c5');
    expect(document.activeElement?.textContent).toBe('First5 Last5');
  });

  it('shows a live change in place and asks for the next page near the end of what is loaded', () => {
    const farFromTheEnd = vi.fn();
    renderTable(props({ rows: pagedRows(pages(5, 100)), hasMore: true, onLoadMore: farFromTheEnd }));
    expect(farFromTheEnd).not.toHaveBeenCalled();
    cleanup();

    const loaded = pages(2, 50);
    const onLoadMore = vi.fn();
    const view = renderTable(props({ rows: pagedRows(loaded), hasMore: true, onLoadMore }));
    expect(onLoadMore).toHaveBeenCalled();
    const row = document.querySelector('[data-contact-id="c3"]')!;
    const changed = [
      { ...loaded[0]!, items: loaded[0]!.items.map((c) => (c.id === 'c3' ? contact(3, 99) : c)) },
      loaded[1]!,
    ];
    view.rerender(
      <MemoryRouter>
        <ContactsTable {...props({ rows: pagedRows(changed), hasMore: true, onLoadMore })} />
      </MemoryRouter>,
    );
    expect(document.querySelector('[data-contact-id="c3"]')).toBe(row);
    expect(row.querySelector('[data-col="score"]')!.textContent).toBe('99');
  });

  it('looks further ahead for the next page while the list is flung', () => {
    const onLoadMore = vi.fn();
    renderTable(props({ rows: pagedRows(pages(10, 100)), hasMore: true, onLoadMore }));
    // Slowly, a row a frame: far from the end of the 1,000 loaded rows, nothing is asked for.
    for (let row = 1; row <= 5; row++) scrollTo(row * ROW_HEIGHT);
    expect(onLoadMore).not.toHaveBeenCalled();
    // Twenty rows a frame: a second of that covers the 900 rows left, so the next page is asked for now.
    for (let row = 25; row <= 85; row += 20) scrollTo(row * ROW_HEIGHT);
    expect(onLoadMore).toHaveBeenCalled();
  });

  it('marks and toggles selected rows', () => {
    const onToggle = vi.fn();
    renderTable(props({ selected: new Set(['c1']), onToggle }));
    const row = document.querySelector<HTMLElement>('[data-contact-id="c1"]')!;
    expect(row.getAttribute('aria-selected')).toBe('true');
    expect(within(row).getByRole('checkbox')).toHaveProperty('checked', true);
    fireEvent.click(within(document.querySelector<HTMLElement>('[data-contact-id="c2"]')!).getByRole('checkbox'));
    expect(onToggle).toHaveBeenCalledWith('c2');
  });
});
