import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';

/** Reads and projections: quick, retried until they succeed (a database blip must not fail a run). */
export const reads = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const actionRetry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 5,
};

/**
 * Side effects, each keyed by enrollment + node + visit, so retries are safe. After five
 * attempts the run stops at the step as "failed" and waits for ops to retry or cancel it.
 * The timeout is how long a crashed worker's attempt goes unnoticed, so it is short for
 * database and HTTP actions (HTTP calls stop at 15 s) and long only for model calls.
 */
export const quickActions = proxyActivities<Activities>({ startToCloseTimeout: '20 seconds', retry: actionRetry });
export const sendActions = proxyActivities<Activities>({ startToCloseTimeout: '45 seconds', retry: actionRetry });
export const slowActions = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry: actionRetry });
