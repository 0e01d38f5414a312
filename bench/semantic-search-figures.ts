import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * semantic-search: notes embedded per second by the indexer and CPU per note; search p95 end to end (query
 * embedded on the model, exact scan, texts read) against the scan alone, and a sales rep's (ownership filter).
 */
export function semanticSearchFigures(r: Json): Figure[] {
  const contacts = r.settings.contacts as number;
  return [
    figure('semantic-search', 'notes embedded by the indexer/s', r.embedding.textsPerSecond, '/s'),
    figure('semantic-search', 'CPU per note embedded and stored', r.embedding.cpuMsPerText, 'ms'),
    figure('semantic-search', `search p95 over ${contacts} contacts' notes`, r.search.admin.p95Ms, 'ms', {
      name: 'the scan alone',
      value: r.search.scanOnly.p95Ms,
    }),
    figure('semantic-search', "search p95, a sales rep's own contacts", r.search.salesRep.p95Ms, 'ms'),
  ];
}
