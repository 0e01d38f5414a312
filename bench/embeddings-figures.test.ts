import { embeddingsFigures } from './embeddings-figures';

describe('embeddings figures', () => {
  it('reports rates against the model host alone and CPU per sentence', () => {
    const figures = embeddingsFigures({
      short: { sentencesPerSecond: 90, hostSentencesPerSecond: 100, cpuMsPerSentence: 11 },
      long: { sentencesPerSecond: 9, hostSentencesPerSecond: 10, cpuMsPerSentence: 110 },
    });
    expect(figures.map((f) => [f.name, f.value, f.against?.value ?? null, f.ratio])).toEqual([
      ['short replies embedded/s', 90, 100, 0.9],
      ['short reply CPU per sentence', 11, null, null],
      ['longer texts embedded/s', 9, 10, 0.9],
      ['longer text CPU per sentence', 110, null, null],
    ]);
  });
});
