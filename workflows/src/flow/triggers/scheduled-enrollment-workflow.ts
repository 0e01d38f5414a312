import { executeChild, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import { bulkEnrollmentWorkflow } from '../bulk-enrollment-workflow';
import type { BulkEnrollmentProgress, ScheduledEnrollmentInput, ScheduledEnrollmentResult } from '@cadenza/contracts';

const { findScheduledEnrollmentContacts } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * One tick of a flow's Temporal Schedule: pages through the tenant's contacts, keeps those
 * matching the schedule trigger's filter, and enrolls each page through a bulk-enrollment
 * child (bounded concurrency, progress, idempotent per contact).
 */
export async function scheduledEnrollmentWorkflow(input: ScheduledEnrollmentInput): Promise<ScheduledEnrollmentResult> {
  const result: ScheduledEnrollmentResult = {
    active: true,
    matched: 0,
    started: 0,
    alreadyEnrolled: 0,
    skipped: 0,
    failed: 0,
  };
  let cursor: string | null = null;
  let page = 0;
  do {
    const found: { active: boolean; contactIds: string[]; nextCursor: string | null } =
      await findScheduledEnrollmentContacts({ ...input, cursor });
    if (!found.active) return { ...result, active: false };
    if (found.contactIds.length > 0) {
      result.matched += found.contactIds.length;
      const progress: BulkEnrollmentProgress = await executeChild(bulkEnrollmentWorkflow, {
        workflowId: `${workflowInfo().workflowId}:page-${page}`,
        args: [{ tenantId: input.tenantId, flowId: input.flowId, contactIds: found.contactIds }],
      });
      result.started += progress.started;
      result.alreadyEnrolled += progress.alreadyEnrolled;
      result.skipped += progress.skipped;
      result.failed += progress.failed;
    }
    cursor = found.nextCursor;
    page += 1;
  } while (cursor);
  return result;
}
