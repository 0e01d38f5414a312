import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** reply-classification: the AI step's accuracy against keyword rules on the same small labelled set. */
export function replyClassificationFigures(r: Json): Figure[] {
  return [
    figure('reply-classification', `accuracy, ${r.setSize} labelled replies (${r.model.model})`, r.accuracy, '', {
      name: 'keyword rules',
      value: r.keywordAccuracy,
    }),
    figure('reply-classification', 'median classification latency', r.medianLatencyMs, 'ms'),
  ];
}
