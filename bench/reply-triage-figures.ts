import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** reply-triage: accuracy on the test split against keyword rules, per-intent accuracy, latency per reply. */
export function replyTriageFigures(r: Json): Figure[] {
  return [
    figure('reply-triage', `accuracy, ${r.setSize} test replies (${r.model})`, r.accuracy, '', {
      name: 'keyword rules',
      value: r.keywordAccuracy,
    }),
    ...Object.entries(r.perIntent as Record<string, number>).map(([intent, accuracy]) =>
      figure('reply-triage', `accuracy: ${intent}`, accuracy, '', {
        name: 'keyword rules',
        value: (r.keywordPerIntent as Record<string, number>)[intent] ?? 0,
      }),
    ),
    figure('reply-triage', 'accuracy of answers above the review threshold', r.confidentAccuracy, ''),
    figure('reply-triage', 'share of replies sent to review', r.needsReview / r.setSize, ''),
    figure('reply-triage', `accuracy, older ${r.olderSet.size}-reply set`, r.olderSet.accuracy, '', {
      name: 'keyword rules',
      value: r.olderSet.keywordAccuracy,
    }),
    figure('reply-triage', 'latency per reply, p50', r.latency.p50Ms, 'ms'),
    figure('reply-triage', 'latency per reply, p95', r.latency.p95Ms, 'ms'),
  ];
}
