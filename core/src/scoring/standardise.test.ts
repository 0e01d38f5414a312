import { matrixOf } from './feature-matrix';
import { fitStandardiser, standardise, standardiseRow } from './standardise';

describe('standardise', () => {
  it('centres each feature and scales it to unit variance', () => {
    const x = matrixOf([
      [1, 10],
      [3, 10],
      [5, 10],
    ]);
    const s = fitStandardiser(x);
    expect(s.means).toEqual([3, 10]);
    expect(s.stds[0]).toBeCloseTo(Math.sqrt(8 / 3));
    // The constant column keeps std 1 so it maps to 0 instead of NaN.
    expect(s.stds[1]).toBe(1);
    const z = standardise(x, s);
    expect(Array.from(z.data.filter((_, k) => k % 2 === 1))).toEqual([0, 0, 0]);
    const column = Array.from(z.data.filter((_, k) => k % 2 === 0));
    expect(column.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
    expect(column.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1);
    expect(standardiseRow([5, 10], s)[0]).toBeCloseTo(column[2]!);
    expect(x.data[0]).toBe(1);
  });

  it('refuses ragged rows', () => {
    expect(() => matrixOf([[1, 2], [3]])).toThrow(/row 1 has 1 features, expected 2/);
  });
});
