import { describe, expect, it } from 'vitest';
import { linePoints, niceMax } from './chart-scale';

describe('chart scale', () => {
  it('rounds the axis top up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 180, 201, 999].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 200, 500, 1000]);
  });

  it('spreads points over the width and scales them to the height', () => {
    expect(linePoints([0, 5, 10], 10, 100, 50)).toBe('0,50 50,25 100,0');
    expect(linePoints([4], 8, 100, 50)).toBe('50,25');
    expect(linePoints([], 8, 100, 50)).toBe('');
    expect(linePoints([0, 0], 0, 10, 50)).toBe('0,50 10,50');
  });
});
