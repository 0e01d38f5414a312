import type { Client } from '@temporalio/client';

export interface ClosedRuns {
  completed: number;
  notCompleted: number;
  /** When the last run closed, by the server's clock (ms since epoch); null if none did. */
  lastCloseMs: number | null;
}

/**
 * Waits until `expected` runs matching `query` are closed (or the deadline passes), by
 * polling a visibility count: one cheap query instead of a long poll per run, the same for
 * the baseline and the flow runs. Then reads the close times for the exact end of the batch.
 */
export async function waitForClosed(
  client: Client,
  query: string,
  expected: number,
  deadlineMs: number,
): Promise<ClosedRuns> {
  const closedQuery = `${query} AND ExecutionStatus != "Running"`;
  const stopAt = Date.now() + deadlineMs;
  for (;;) {
    const { count } = await client.workflow.count(closedQuery);
    if (count >= expected || Date.now() > stopAt) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let completed = 0;
  let notCompleted = 0;
  let lastCloseMs: number | null = null;
  for await (const run of client.workflow.list({ query: closedQuery })) {
    if (run.status.name === 'COMPLETED') completed += 1;
    else notCompleted += 1;
    const closed = run.closeTime?.getTime() ?? null;
    if (closed !== null && (lastCloseMs === null || closed > lastCloseMs)) lastCloseMs = closed;
  }
  return { completed, notCompleted, lastCloseMs };
}
