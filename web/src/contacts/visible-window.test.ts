import { describe, expect, it } from 'vitest';
import { visibleWindow } from './visible-window';

describe('visible window', () => {
  it('covers the rows on screen plus the overscan, clamped to the list', () => {
    expect(visibleWindow(0, 400, 40, 1000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleWindow(4000, 400, 40, 1000, 5)).toEqual({ start: 95, end: 115 });
    // A partly visible row at either edge counts.
    expect(visibleWindow(4020, 400, 40, 1000, 0)).toEqual({ start: 100, end: 111 });
    expect(visibleWindow(39_800, 400, 40, 1000, 5)).toEqual({ start: 990, end: 1000 });
  });

  it('is empty with no rows and safe when scrolled past what is loaded', () => {
    expect(visibleWindow(0, 400, 40, 0, 5)).toEqual({ start: 0, end: 0 });
    expect(visibleWindow(80_000, 400, 40, 10, 5)).toEqual({ start: 10, end: 10 });
    expect(visibleWindow(-50, 400, 40, 3, 5)).toEqual({ start: 0, end: 3 });
  });
});
