import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SmokeRunRecord } from '@cadenza/core';
import type { Activities } from '@cadenza/activities';
import type { SmokeWorkflowInput } from '@cadenza/contracts';

const { recordSmokeRun } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 20 },
});

/** Proves the chain end to end: one activity writes one row and the workflow returns it. */
export async function smokeWorkflow(input: SmokeWorkflowInput): Promise<SmokeRunRecord> {
  return recordSmokeRun({ workflowId: workflowInfo().workflowId, tenantId: input.tenantId, message: input.message });
}
