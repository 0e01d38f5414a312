import type { Client } from '@temporalio/client';
import { mailboxSyncWorkflowId } from '@cadenza/core';
import {
  WORKFLOW_NAMES,
  mailboxSyncNowSignal,
  type MailboxSyncInput,
  type WorkflowContracts,
} from '@cadenza/contracts';

/** Polling without IDLE: a reply reaches its run within this interval (plus the poll itself). */
export const DEFAULT_MAILBOX_POLL_INTERVAL_MS = 30_000;

/**
 * Starts a mailbox's sync workflow, or tells the running one to poll now: after a mailbox is
 * connected or reconnected, and for "Sync now". The fixed workflow id makes it idempotent.
 */
export async function startMailboxSync(
  deps: { temporal: Client; taskQueue: string },
  target: { tenantId: string; mailboxId: string; pollIntervalMs?: number },
): Promise<{ workflowId: string }> {
  const workflowId = mailboxSyncWorkflowId(target.tenantId, target.mailboxId);
  const input: MailboxSyncInput = {
    tenantId: target.tenantId,
    mailboxId: target.mailboxId,
    pollIntervalMs: target.pollIntervalMs ?? DEFAULT_MAILBOX_POLL_INTERVAL_MS,
    pollsPerRun: 200,
    batchSize: 200,
  };
  await deps.temporal.workflow.signalWithStart<WorkflowContracts['mailboxSyncWorkflow'], []>(
    WORKFLOW_NAMES.mailboxSyncWorkflow,
    { taskQueue: deps.taskQueue, workflowId, args: [input], signal: mailboxSyncNowSignal, signalArgs: [] },
  );
  return { workflowId };
}
