/** Row-major samples x features in one typed array: training touches every cell hundreds of times. */
export interface FeatureMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrixOf(rows: readonly (readonly number[])[], cols = rows[0]?.length ?? 0): FeatureMatrix {
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new Error(`row ${i} has ${row.length} features, expected ${cols}`);
    data.set(row, i * cols);
  });
  return { rows: rows.length, cols, data };
}
