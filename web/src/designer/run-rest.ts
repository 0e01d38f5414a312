import type { FlowRun } from '@cadenza/core';
import { formatDateTime } from '../format/plain-format';

/**
 * What the run panel says of a run reply triage rests: "Paused until … (out of office)" or
 * "Snoozed until … (not now): starts the flow over then". Null for a run that is not resting.
 */
export function restLine(run: Pick<FlowRun, 'restingUntil' | 'restReason' | 'endedAt'>): string | null {
  if (!run.restingUntil || run.endedAt) return null;
  const until = formatDateTime(run.restingUntil);
  return run.restReason === 'not_now'
    ? `Snoozed until ${until} (not now): starts the flow over then`
    : `Paused until ${until} (out of office)`;
}
