import { describe, expect, it } from 'vitest';
import { nextSlotOffset, slottedWindow, visibleWindow, windowCapacity } from './visible-window';

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

  it('never holds more rows than its capacity, at any offset', () => {
    for (const [height, overscan, tight] of [
      [400, 5, true],
      [410, 0, true],
      [0, 3, false],
      [1, 4, false],
    ] as const) {
      const capacity = windowCapacity(height, 40, overscan);
      let widest = 0;
      for (let top = 0; top < 2000; top += 7) {
        const { start, end } = visibleWindow(top, height, 40, 1000, overscan);
        widest = Math.max(widest, end - start);
      }
      expect(widest).toBeLessThanOrEqual(capacity);
      // Tight when some whole-pixel offset cuts a row at each edge of the viewport.
      if (tight) expect(widest).toBe(capacity);
    }
    expect(() => windowCapacity(400, 0, 5)).toThrow(/row height/);
  });

  it('fills a slotted window to its capacity, so a scroll hands slots over rather than adding rows', () => {
    const slots = windowCapacity(400, 40, 5);
    expect(slottedWindow(4000, 400, 40, 1000, 5)).toEqual({ start: 95, end: 95 + slots, slots });
    expect(slottedWindow(4020, 400, 40, 1000, 5)).toEqual({ start: 95, end: 95 + slots, slots });
    // At the top there is nothing above to fill from; at the end, nothing below.
    expect(slottedWindow(0, 400, 40, 1000, 5)).toEqual({ start: 0, end: slots, slots });
    expect(slottedWindow(39_800, 400, 40, 1000, 5)).toEqual({ start: 990, end: 1000, slots });
    const keys = (top: number) => {
      const { start, end } = slottedWindow(top, 400, 40, 1000, 5);
      return new Set(Array.from({ length: end - start }, (_, i) => (start + i) % slots));
    };
    expect(keys(4000).size).toBe(slots);
    expect(keys(4123)).toEqual(keys(4000));
  });

  it('keeps the slots of overlapping rows, and the slot order across a jump', () => {
    const slots = 10;
    const slotsOf = (start: number, end: number, offset: number) =>
      Array.from({ length: end - start }, (_, i) => (start + i + offset) % slots);
    expect(nextSlotOffset(null, { start: 0, end: 10 }, slots)).toBe(0);
    // Three rows down: the seven rows in both windows keep their slots.
    const first = { start: 20, end: 30, offset: 4 };
    const shifted = nextSlotOffset(first, { start: 23, end: 33 }, slots);
    expect(shifted).toBe(4);
    expect(slotsOf(23, 30, shifted)).toEqual(slotsOf(23, 30, first.offset));
    // A jump past the window: slot order as on screen before, first row in the first slot.
    const jumped = nextSlotOffset(first, { start: 57, end: 67 }, slots);
    expect(slotsOf(57, 67, jumped)).toEqual(slotsOf(20, 30, first.offset));
    const back = nextSlotOffset(first, { start: 3, end: 13 }, slots);
    expect(slotsOf(3, 13, back)).toEqual(slotsOf(20, 30, first.offset));
  });
});
