import type { LiveEvent } from '@cadenza/core';

/** Which reports on the analytics page an event can change. */
export type AnalyticsReport = 'flow' | 'reps';

/** CRM records whose writes by a user count as rep activity (tasks, notes, deal moves). */
const REP_SUBJECTS = new Set<LiveEvent['subject']>(['task', 'note', 'deal']);

/**
 * The reports a domain event may change, for the flow on screen. A run or step of that flow
 * moves its funnel; a message sent by a run (open, click, reply, bounce) may be that flow's
 * (its event names the run, not the flow) and counts as an email or reply of the contact's
 * owner; a user's task, note or deal write is rep activity. Anything else changes nothing shown.
 */
export function reportsChangedBy(event: Pick<LiveEvent, 'subject' | 'payload' | 'actor'>, flowId: string) {
  const reports = new Set<AnalyticsReport>();
  const payload = event.payload ?? {};
  if ((event.subject === 'run' || event.subject === 'step') && payload.flowId === flowId) reports.add('flow');
  if (event.subject === 'message') {
    reports.add('reps');
    if (typeof payload.runId === 'string') reports.add('flow');
  }
  if (REP_SUBJECTS.has(event.subject) && event.actor?.kind === 'user') reports.add('reps');
  return [...reports];
}
