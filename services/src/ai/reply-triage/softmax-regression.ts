/**
 * Multinomial logistic regression (softmax over classes) with L2 weight decay, trained by full-batch
 * gradient descent with Adam. Small and exact enough for a few hundred replies of a few hundred
 * features; the lead-scoring regression (core/src/scoring) is binary, this one picks one of K.
 */

export interface SoftmaxModel {
  /** classes x features, row-major. */
  weights: number[][];
  bias: number[];
}

export interface SoftmaxTraining {
  /** Weight decay (L2) per sample; larger keeps the weights small and the probabilities modest. */
  l2: number;
  epochs: number;
  learningRate: number;
}

export const DEFAULT_SOFTMAX_TRAINING: SoftmaxTraining = { l2: 1e-3, epochs: 400, learningRate: 0.05 };

/** Class probabilities for one feature vector (numerically stable: the largest logit is subtracted first). */
export function softmaxPredict(model: SoftmaxModel, x: ArrayLike<number>): number[] {
  const logits = model.weights.map((row, k) => {
    if (row.length !== x.length) throw new Error(`expected ${row.length} features, got ${x.length}`);
    let sum = model.bias[k]!;
    for (let j = 0; j < row.length; j++) sum += row[j]! * x[j]!;
    return sum;
  });
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Index of the largest value (the first on a tie). */
export const argmax = (values: readonly number[]): number =>
  values.reduce((best, value, i) => (value > values[best]! ? i : best), 0);

/**
 * Fits weights to samples `xs` (each of the same length) labelled with class indices `ys` in
 * [0, classes). Deterministic: weights start at zero and every epoch sees every sample.
 */
export function trainSoftmax(
  xs: ReadonlyArray<ArrayLike<number>>,
  ys: readonly number[],
  classes: number,
  options: SoftmaxTraining = DEFAULT_SOFTMAX_TRAINING,
): SoftmaxModel {
  if (xs.length === 0 || xs.length !== ys.length)
    throw new Error(`need as many labels as samples, got ${xs.length} and ${ys.length}`);
  const dims = xs[0]!.length;
  for (const y of ys)
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new Error(`label ${y} is not a class of ${classes}`);
  const n = xs.length;
  const size = classes * (dims + 1); // each class: its weights, then its bias
  const params = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const gradient = new Float64Array(size);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const probs = new Float64Array(classes);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let top = -Infinity;
      for (let k = 0; k < classes; k++) {
        const base = k * (dims + 1);
        let logit = params[base + dims]!;
        for (let j = 0; j < dims; j++) logit += params[base + j]! * x[j]!;
        probs[k] = logit;
        if (logit > top) top = logit;
      }
      let total = 0;
      for (let k = 0; k < classes; k++) total += probs[k] = Math.exp(probs[k]! - top);
      for (let k = 0; k < classes; k++) {
        const error = probs[k]! / total - (ys[i] === k ? 1 : 0);
        const base = k * (dims + 1);
        for (let j = 0; j < dims; j++) gradient[base + j]! += error * x[j]!;
        gradient[base + dims]! += error;
      }
    }
    for (let p = 0; p < size; p++) {
      const isBias = p % (dims + 1) === dims;
      const g = gradient[p]! / n + (isBias ? 0 : options.l2 * params[p]!);
      m[p] = beta1 * m[p]! + (1 - beta1) * g;
      v[p] = beta2 * v[p]! + (1 - beta2) * g * g;
      const mHat = m[p]! / (1 - beta1 ** epoch);
      const vHat = v[p]! / (1 - beta2 ** epoch);
      params[p]! -= (options.learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  }
  const weights: number[][] = [];
  const bias: number[] = [];
  for (let k = 0; k < classes; k++) {
    const base = k * (dims + 1);
    weights.push(Array.from(params.subarray(base, base + dims)));
    bias.push(params[base + dims]!);
  }
  return { weights, bias };
}
