/** The rows of a fixed-height list to keep in the DOM: [start, end), overscan included. */
export interface RowWindow {
  start: number;
  end: number;
}

/**
 * Which rows are on screen for a scroll position, plus `overscan` rows either side. Every row
 * has the same height, so this is arithmetic on the scroll offset: no per-row measurements to
 * rebuild when another page of rows arrives.
 */
export function visibleWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, last + overscan);
  return { start: Math.min(start, end), end };
}

/**
 * The most rows `visibleWindow` can return for this viewport, whatever the scroll offset: the
 * rows a viewport spans when it cuts one at each edge, plus the overscan either side. Keying
 * rendered rows by `index % windowCapacity(...)` gives every row in a window a distinct key, and
 * a row keeps its key (so its DOM node) for as long as it stays in the window.
 */
export function windowCapacity(viewportHeight: number, rowHeight: number, overscan: number): number {
  if (rowHeight <= 0) throw new RangeError(`row height must be positive, got ${rowHeight}`);
  return Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1 + 2 * Math.max(0, overscan);
}

/** A window whose rows are keyed by slot: `index % slots` is distinct for every row in it. */
export interface SlottedWindow extends RowWindow {
  slots: number;
}

/**
 * `visibleWindow` filled up to its capacity where the list allows (a row or two more below the
 * viewport): a window that always holds `slots` rows moves by handing the slots of the rows
 * that left at one end to the rows that came in at the other, so scrolling never creates or
 * drops a DOM row, it only moves the few that changed places.
 */
export function slottedWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): SlottedWindow {
  const slots = windowCapacity(viewportHeight, rowHeight, overscan);
  const { start, end } = visibleWindow(scrollTop, viewportHeight, rowHeight, count, overscan);
  return { start, end: Math.min(count, Math.max(end, start + slots)), slots };
}

/** How rows map to slots: row `index` renders in slot `(index + offset) % slots`. */
export interface SlotAssignment extends RowWindow {
  offset: number;
}

/**
 * The slot offset for the `next` window. While it overlaps the previous one the offset stays,
 * so the rows in both keep their slots (DOM nodes) and only the rows that came in take the
 * slots of the rows that left. A jump with no overlap (a fast fling, the scrollbar thumb) keeps
 * the slots in the order they were: every row is refilled anyway, and a rotated order would
 * also move DOM nodes around for nothing.
 */
export function nextSlotOffset(previous: SlotAssignment | null, next: RowWindow, slots: number): number {
  if (!previous) return 0;
  const overlaps = next.start < previous.end && previous.start < next.end;
  if (overlaps) return previous.offset;
  const offset = (previous.start + previous.offset - next.start) % slots;
  return offset < 0 ? offset + slots : offset;
}
