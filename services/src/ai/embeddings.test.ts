import { batchesOf, checkEmbeddings, dot, EMBEDDING_DIMENSIONS, normalise } from './embeddings';

describe('embedding helpers', () => {
  it('normalises to unit length and keeps a zero vector zero', () => {
    const unit = normalise([3, 4]);
    expect(Array.from(unit)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(dot(unit, unit)).toBeCloseTo(1, 6);
    expect(Array.from(normalise([0, 0]))).toEqual([0, 0]);
  });

  it('refuses a dot product of vectors of different lengths', () => {
    expect(() => dot([1], [1, 2])).toThrow('vectors differ in length: 1 and 2');
  });

  it('splits into ordered batches and refuses a bad size', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf([], 3)).toEqual([]);
    expect(() => batchesOf([1], 0)).toThrow('batch size must be a positive integer, got 0');
  });

  it('checks the count and width of what a provider answered', () => {
    const ok = new Float32Array(EMBEDDING_DIMENSIONS);
    expect(checkEmbeddings(['a'], [ok], 'm')).toEqual([ok]);
    expect(() => checkEmbeddings(['a', 'b'], [ok], 'm')).toThrow('m answered 1 embeddings for 2 texts');
    expect(() => checkEmbeddings(['a'], [new Float32Array(3)], 'm')).toThrow('3-dimensional');
  });
});
