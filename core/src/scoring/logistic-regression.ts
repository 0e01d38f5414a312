import type { FeatureMatrix } from './feature-matrix';

export interface LogisticWeights {
  intercept: number;
  weights: number[];
}

export interface TrainOptions {
  /** L2 penalty on the weights (not the intercept); keeps rare one-hot features from running off. */
  l2?: number;
  learningRate?: number;
  maxIterations?: number;
  /** Stop once no gradient component is larger than this. */
  tolerance?: number;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Log-odds of one standardised row. */
export function logit(model: LogisticWeights, x: ArrayLike<number>, offset = 0): number {
  let z = model.intercept;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * x[offset + j]!;
  return z;
}

/**
 * Full-batch gradient descent on the mean log-loss plus (l2 / 2)·|w|². The inputs are expected
 * standardised, which is what lets one fixed learning rate work for every tenant's data.
 */
export function trainLogistic(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  options: TrainOptions = {},
): LogisticWeights & { iterations: number } {
  const { l2 = 1e-3, learningRate = 0.5, maxIterations = 500, tolerance = 1e-5 } = options;
  if (y.length !== x.rows) throw new Error(`${x.rows} samples but ${y.length} labels`);
  const weights = new Array<number>(x.cols).fill(0);
  const gradient = new Float64Array(x.cols);
  const model = { intercept: 0, weights };
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    gradient.fill(0);
    let interceptGradient = 0;
    for (let i = 0; i < x.rows; i++) {
      const offset = i * x.cols;
      const error = sigmoid(logit(model, x.data, offset)) - y[i]!;
      interceptGradient += error;
      for (let j = 0; j < x.cols; j++) gradient[j]! += error * x.data[offset + j]!;
    }
    let largest = Math.abs(interceptGradient / x.rows);
    model.intercept -= learningRate * (interceptGradient / x.rows);
    for (let j = 0; j < x.cols; j++) {
      const g = gradient[j]! / x.rows + l2 * weights[j]!;
      largest = Math.max(largest, Math.abs(g));
      weights[j]! -= learningRate * g;
    }
    if (largest < tolerance) break;
  }
  return { ...model, iterations };
}

/** Probabilities for every row of a standardised matrix. */
export function predictAll(model: LogisticWeights, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = sigmoid(logit(model, x.data, i * x.cols));
  return out;
}
