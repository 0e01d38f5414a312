import { figure, type Figure } from './combined-report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** draft-gate: how many of the model's drafts pass the quality gate, and of the final drafts after the fallback. */
export function draftGateFigures(r: Json): Figure[] {
  return [
    figure(
      'draft-gate',
      `model drafts passing the gate, ${r.contacts} demo contacts (${r.model.model})`,
      r.modelPassRate,
      '',
      {
        name: `earlier JSON chat draft (${r.baseline.contacts} contacts)`,
        value: r.baseline.passRate,
      },
    ),
    figure('draft-gate', 'final drafts passing (after the template fallback)', r.finalPassRate, ''),
    figure('draft-gate', 'median draft latency (model tries)', r.medianDraftMs, 'ms'),
  ];
}
