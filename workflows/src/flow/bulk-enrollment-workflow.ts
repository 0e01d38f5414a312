import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import { bulkEnrollmentProgressQuery, type BulkEnrollmentInput, type BulkEnrollmentProgress } from '@cadenza/contracts';

const { enrollContactBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * Enrolls a list of contacts with bounded concurrency and reports progress. Each contact's
 * own run is idempotent through its derived workflow id, so a retried batch enrolls no one twice.
 */
export async function bulkEnrollmentWorkflow(input: BulkEnrollmentInput): Promise<BulkEnrollmentProgress> {
  const batchSize = input.batchSize ?? 100;
  const progress: BulkEnrollmentProgress = {
    total: input.contactIds.length,
    done: 0,
    started: 0,
    alreadyEnrolled: 0,
    skipped: 0,
    failed: 0,
  };
  setHandler(bulkEnrollmentProgressQuery, () => progress);

  const batches: string[][] = [];
  for (let i = 0; i < input.contactIds.length; i += batchSize) batches.push(input.contactIds.slice(i, i + batchSize));
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const result = await enrollContactBatch({ tenantId: input.tenantId, flowId: input.flowId, contactIds: batch });
      progress.started += result.started;
      progress.alreadyEnrolled += result.alreadyEnrolled;
      progress.skipped += result.skipped;
      progress.failed += result.failed;
      progress.done += batch.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency ?? 4, batches.length) }, lane));
  return progress;
}
