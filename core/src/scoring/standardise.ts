import type { FeatureMatrix } from './feature-matrix';

/** Per-feature mean and standard deviation of the training set, stored with the model. */
export interface Standardiser {
  means: number[];
  stds: number[];
}

/** A constant feature (std 0) gets std 1, so it standardises to 0 and contributes nothing. */
export function fitStandardiser(x: FeatureMatrix): Standardiser {
  const means = new Array<number>(x.cols).fill(0);
  const squares = new Array<number>(x.cols).fill(0);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) means[j]! += x.data[i * x.cols + j]!;
  }
  for (let j = 0; j < x.cols; j++) means[j] = x.rows ? means[j]! / x.rows : 0;
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) squares[j]! += (x.data[i * x.cols + j]! - means[j]!) ** 2;
  }
  const stds = squares.map((sum) => {
    const std = x.rows ? Math.sqrt(sum / x.rows) : 0;
    return std > 1e-12 ? std : 1;
  });
  return { means, stds };
}

export const standardiseRow = (row: readonly number[], s: Standardiser): number[] =>
  row.map((value, j) => (value - s.means[j]!) / s.stds[j]!);

/** A standardised copy; the input is left as it was. */
export function standardise(x: FeatureMatrix, s: Standardiser): FeatureMatrix {
  const data = new Float64Array(x.data.length);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const k = i * x.cols + j;
      data[k] = (x.data[k]! - s.means[j]!) / s.stds[j]!;
    }
  }
  return { rows: x.rows, cols: x.cols, data };
}
