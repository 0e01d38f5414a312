import { matrixOf } from './feature-matrix';
import { predictAll, sigmoid, trainLogistic } from './logistic-regression';

describe('logistic regression', () => {
  it('sigmoid is stable at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });

  it('recovers the direction of a separating feature and ignores a useless one', () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 200; i++) {
      const x = (i % 20) / 10 - 1;
      rows.push([x, i % 2 ? 1 : -1]);
      labels.push(x + (i % 7) / 10 - 0.3 > 0 ? 1 : 0);
    }
    const fitted = trainLogistic(matrixOf(rows), labels, { maxIterations: 2000 });
    expect(fitted.weights[0]).toBeGreaterThan(2);
    expect(Math.abs(fitted.weights[1]!)).toBeLessThan(0.3);
    const p = predictAll(
      fitted,
      matrixOf([
        [1, 0],
        [-1, 0],
      ]),
    );
    expect(p[0]).toBeGreaterThan(0.8);
    expect(p[1]).toBeLessThan(0.2);
  });

  it('L2 shrinks the weights', () => {
    const rows = [[1], [2], [-1], [-2], [0.5], [-0.5]];
    const labels = [1, 1, 0, 0, 1, 0];
    const loose = trainLogistic(matrixOf(rows), labels, { l2: 0, maxIterations: 300 });
    const tight = trainLogistic(matrixOf(rows), labels, { l2: 1, maxIterations: 300 });
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!) / 2);
  });

  it('stops early once converged and refuses mismatched labels', () => {
    const fitted = trainLogistic(matrixOf([[1], [-1], [0.5], [-0.5]]), [1, 0, 0, 1], {
      l2: 0.1,
      maxIterations: 10_000,
    });
    expect(fitted.iterations).toBeLessThan(10_000);
    expect(() => trainLogistic(matrixOf([[1]]), [1, 0])).toThrow(/1 samples but 2 labels/);
  });
});
