import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ImportProgress } from '@cadenza/core';
import type { Activities } from '@cadenza/activities';
import { importProgressQuery, type ImportContactsInput } from '@cadenza/contracts';

const { importContactBatch, finishImport } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * Imports the stored rows of one CSV file, batch after batch in file order (a later row
 * with the same email updates the earlier one, as in the file). Each batch stores its
 * counts and emits `import.progress`; the end emits `import.completed`.
 */
export async function importContactsWorkflow(input: ImportContactsInput): Promise<ImportProgress> {
  const batchSize = input.batchSize ?? 200;
  const { workflowId } = workflowInfo();
  let progress: ImportProgress = { total: input.total, done: 0, created: 0, updated: 0, failed: 0 };
  setHandler(importProgressQuery, () => progress);
  const base = { principal: input.principal, workflowId, importId: input.importId };
  try {
    for (let from = 0; from < input.total; from += batchSize) {
      progress = await importContactBatch({ ...base, from, limit: batchSize });
    }
  } catch (error) {
    await finishImport({ ...base, status: 'failed' });
    throw error;
  }
  progress = await finishImport({ ...base, status: 'completed' });
  return progress;
}
