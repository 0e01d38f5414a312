import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';

/** Reads and projections: quick, retried until they succeed (a database blip must not fail a run). */
export const reads = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Side effects: each keyed by enrollment + node + visit, so retries are safe. After five
 * attempts the run stops at the step as "failed" and waits for ops to retry or cancel it.
 */
export const actions = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});
