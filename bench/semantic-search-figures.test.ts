import { semanticSearchFigures } from './semantic-search-figures';

describe('semantic search figures', () => {
  it('reports embedding rate and CPU, and search p95 against the scan alone', () => {
    const figures = semanticSearchFigures({
      settings: { contacts: 5000 },
      embedding: { textsPerSecond: 40, cpuMsPerText: 22.5 },
      search: { admin: { p95Ms: 110 }, salesRep: { p95Ms: 37 }, scanOnly: { p95Ms: 88 } },
    });
    expect(figures.map((f) => [f.name, f.value, f.against?.value ?? null, f.ratio])).toEqual([
      ['notes embedded by the indexer/s', 40, null, null],
      ['CPU per note embedded and stored', 22.5, null, null],
      ["search p95 over 5000 contacts' notes", 110, 88, 1.25],
      ["search p95, a sales rep's own contacts", 37, null, null],
    ]);
  });
});
