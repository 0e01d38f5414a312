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
