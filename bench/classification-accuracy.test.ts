import { classificationAccuracy } from './classification-accuracy';

describe('classificationAccuracy', () => {
  it('counts hits overall and per label, and failed predictions as misses', () => {
    const result = classificationAccuracy([
      { expected: 'a', predicted: 'a' },
      { expected: 'a', predicted: 'b' },
      { expected: 'b', predicted: 'b' },
      { expected: 'b', predicted: null },
    ]);
    expect(result).toMatchObject({ accuracy: 0.5, correct: 2, total: 4, perLabel: { a: 0.5, b: 0.5 } });
    expect(result.confusion).toEqual({ a: { a: 1, b: 1 }, b: { b: 1, failed: 1 } });
  });
});
