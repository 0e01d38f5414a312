import { bytesToVector, EMBEDDING_BYTES, vectorLiteral, vectorToBytes } from './vector-bytes';

const sample = () => Float32Array.from({ length: 384 }, (_, i) => Math.sin(i) / 7);

describe('vector bytes', () => {
  it('round-trips a float32 vector exactly', () => {
    const vector = sample();
    const bytes = vectorToBytes(vector);
    expect(bytes.length).toBe(EMBEDDING_BYTES);
    expect(Array.from(bytesToVector(bytes))).toEqual(Array.from(vector));
  });

  it('reads a vector out of a larger buffer at an offset', () => {
    const bytes = vectorToBytes(sample());
    const padded = Buffer.concat([Buffer.from([1, 2, 3]), bytes]).subarray(3);
    expect(Array.from(bytesToVector(padded))).toEqual(Array.from(sample()));
  });

  it('refuses a vector of the wrong width or with a non-number', () => {
    expect(() => vectorToBytes([1, 2, 3])).toThrow('384 dimensions, got 3');
    const bad = sample();
    bad[5] = Number.NaN;
    expect(() => vectorToBytes(bad)).toThrow('component 5');
    expect(() => bytesToVector(Buffer.alloc(10))).toThrow('1536 bytes, got 10');
  });

  it("writes pgvector's text form", () => {
    expect(vectorLiteral([0.5, -0.25])).toBe('[0.5,-0.25]');
  });
});
