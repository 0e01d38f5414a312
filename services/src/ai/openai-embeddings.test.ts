import { parseEmbeddingsResponse } from './openai-embeddings';

describe('parseEmbeddingsResponse', () => {
  it('orders by index and normalises', () => {
    const [first, second] = parseEmbeddingsResponse(
      {
        data: [
          { index: 1, embedding: [0, 2] },
          { index: 0, embedding: [3, 4] },
        ],
      },
      2,
    );
    expect(Array.from(first!)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(second!)).toEqual([0, 1]);
  });

  it('refuses a malformed answer, naming the item', () => {
    expect(() => parseEmbeddingsResponse({}, 1)).toThrow('the answer has no data array');
    expect(() => parseEmbeddingsResponse({ data: [{ index: 0, embedding: ['x'] }] }, 1)).toThrow(
      'data[0].embedding is not an array of numbers',
    );
    expect(() => parseEmbeddingsResponse({ data: [{ index: 5, embedding: [1] }] }, 1)).toThrow(
      'data[0].index 5 is out of range',
    );
    expect(() => parseEmbeddingsResponse({ data: [{ index: 0, embedding: [1] }] }, 2)).toThrow('expected 2 embeddings');
  });
});
