import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';

/** Reads and projections: quick, retried until they succeed (a database blip must not fail a run). */
export const reads = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The run projection as a local activity: an idempotent upsert of a few rows that the
 * worker runs inside the workflow task, so the server schedules, dispatches and records no
 * activity task and no extra workflow task for it. A crashed worker simply runs it again
 * on replay, which rewrites the same rows.
 */
export const projections = proxyLocalActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Ten attempts span about three minutes (1, 2, 4, 8, 16, then every 30 s), so an outage of
 * PostgreSQL or a provider that short never stops a run; a step failing for longer is real.
 */
const actionRetry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 10,
};

/**
 * Side effects, each keyed by enrollment + node + visit, so retries are safe. After ten
 * attempts the run stops at the step as "failed" and waits for ops to retry or cancel it.
 * The timeout is how long a crashed worker's attempt goes unnoticed, so it is short for
 * database and HTTP actions (HTTP calls stop at 15 s) and long only for model calls.
 */
export const quickActions = proxyActivities<Activities>({ startToCloseTimeout: '20 seconds', retry: actionRetry });
/**
 * Actions whose whole effect is one PostgreSQL transaction (claim key + CRM write) run as
 * local activities: same at-most-once key, same retry policy, but no activity task for the
 * server to schedule, dispatch and record, and no extra workflow task per step. On this
 * box that server work was the largest share of a step's CPU. A worker killed mid-step
 * replays the workflow task and runs the step again; the key makes that a no-op.
 */
export const localQuickActions = proxyLocalActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: actionRetry,
});
export const sendActions = proxyActivities<Activities>({ startToCloseTimeout: '45 seconds', retry: actionRetry });
export const slowActions = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry: actionRetry });
/**
 * Reading a reply (reply triage): the worker's classifier, which embeds the text (the local
 * model loads on first use), so an attempt may take a while; retried like an action.
 */
export const replyReading = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: actionRetry });
