import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** embeddings: sentences/s through the Embedder against the model host's own time, and CPU per sentence. */
export function embeddingsFigures(r: Json): Figure[] {
  const host = (kind: Json) => ({ name: 'model host alone', value: kind.hostSentencesPerSecond });
  return [
    figure('embeddings', 'short replies embedded/s', r.short.sentencesPerSecond, '/s', host(r.short)),
    figure('embeddings', 'short reply CPU per sentence', r.short.cpuMsPerSentence, 'ms'),
    figure('embeddings', 'longer texts embedded/s', r.long.sentencesPerSecond, '/s', host(r.long)),
    figure('embeddings', 'longer text CPU per sentence', r.long.cpuMsPerSentence, 'ms'),
  ];
}
