import { argmax, softmaxPredict, trainSoftmax } from './softmax-regression';

/** Three clusters around (2,0), (-2,0) and (0,2), with a little deterministic spread. */
function toySet() {
  const centres = [
    [2, 0],
    [-2, 0],
    [0, 2],
  ];
  const xs: number[][] = [];
  const ys: number[] = [];
  centres.forEach(([cx, cy], k) => {
    for (let i = 0; i < 20; i++) {
      xs.push([cx! + Math.sin(i * 7 + k) * 0.5, cy! + Math.cos(i * 3 + k) * 0.5]);
      ys.push(k);
    }
  });
  return { xs, ys };
}

describe('trainSoftmax', () => {
  it('learns a separable three-class set: every sample right, and confident far from the borders', () => {
    const { xs, ys } = toySet();
    const model = trainSoftmax(xs, ys, 3);
    expect(xs.map((x) => argmax(softmaxPredict(model, x)))).toEqual(ys);
    expect(softmaxPredict(model, [4, 0])[0]).toBeGreaterThan(0.9);
    expect(argmax(softmaxPredict(model, [0, 4]))).toBe(2);
  });

  it('answers probabilities that sum to one, even for large logits', () => {
    const probs = softmaxPredict({ weights: [[1000], [0]], bias: [0, 0] }, [5]);
    expect(probs[0]).toBeCloseTo(1);
    expect(probs.reduce((a, b) => a + b)).toBeCloseTo(1);
  });

  it('refuses labels outside the classes and vectors of the wrong width', () => {
    expect(() => trainSoftmax([[1]], [3], 3)).toThrow(/label 3/);
    expect(() => softmaxPredict({ weights: [[1, 2]], bias: [0] }, [1])).toThrow(/expected 2 features/);
  });
});
