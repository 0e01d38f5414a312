import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { leadScoringScheduleId, leadScoringScheduledRunId, type LeadOutcome } from '@cadenza/core';
import { WORKFLOW_NAMES, type RetrainLeadScoringInput } from '@cadenza/contracts';

export interface LeadScoringScheduleOptions {
  tenantId: string;
  outcome: LeadOutcome;
  everyHours: number;
  taskQueue: string;
}

/**
 * The tenant's retraining Schedule: created on its first training, and brought in line with the
 * latest request (outcome, interval) on every later one, like the event-retention Schedule.
 */
export async function ensureLeadScoringSchedule(client: Client, options: LeadScoringScheduleOptions): Promise<string> {
  const scheduleId = leadScoringScheduleId(options.tenantId);
  const spec = { intervals: [{ every: `${options.everyHours} hours` as const }] };
  const args: [RetrainLeadScoringInput] = [
    { tenantId: options.tenantId, outcome: options.outcome, trainedBy: 'schedule' },
  ];
  const action = {
    type: 'startWorkflow' as const,
    workflowType: WORKFLOW_NAMES.retrainLeadScoringWorkflow,
    workflowId: leadScoringScheduledRunId(options.tenantId),
    taskQueue: options.taskQueue,
    args,
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      // A retrain still running when the next is due makes the next one pointless.
      policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
      memo: { tenantId: options.tenantId },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
  return scheduleId;
}
