import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline-activities';

// Same timeouts and retry shape as the flow interpreter's action proxy, so neither side gets a cheaper schedule.
const { baselineNoop } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** Raw Temporal: three no-op activities in a row, as many steps as the benchmarked flow. */
export async function baselineWorkflow(): Promise<number> {
  await baselineNoop();
  await baselineNoop();
  await baselineNoop();
  return 3;
}

const local = proxyLocalActivities<BaselineActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/**
 * Raw Temporal with the three no-ops as local activities: the interpreter runs its
 * database-only steps that way, so this is the like-for-like floor for such a flow.
 */
export async function localBaselineWorkflow(): Promise<number> {
  await local.baselineNoop();
  await local.baselineNoop();
  await local.baselineNoop();
  return 3;
}
