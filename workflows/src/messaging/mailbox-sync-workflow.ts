import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import { mailboxSyncNowSignal, type MailboxSyncInput, type MailboxSyncResult } from '@cadenza/contracts';

const { syncMailbox } = proxyActivities<Activities>({
  // One poll reads one batch; sign-in and connection trouble come back as a result, not a failure.
  startToCloseTimeout: '2 minutes',
  // Only our own trouble throws (the database down): retried for as long as it takes.
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** A mailbox whose sign-in is refused waits this long at least before trying again (no lockouts). */
const AUTH_FAILED_INTERVAL_MS = 5 * 60_000;

/**
 * Keeps one mailbox's INBOX in sync for as long as the mailbox listens: polls, reads a batch
 * when there is more at once, otherwise waits for the interval (or mailboxSyncNow), and
 * continues as new after `pollsPerRun` polls. The cursor lives in the database, so a new run,
 * a restarted worker or a replay resumes where the last poll committed.
 */
export async function mailboxSyncWorkflow(input: MailboxSyncInput): Promise<MailboxSyncResult> {
  let wake = false;
  setHandler(mailboxSyncNowSignal, () => void (wake = true));
  for (let poll = 0; poll < input.pollsPerRun; poll += 1) {
    wake = false;
    const result = await syncMailbox({
      tenantId: input.tenantId,
      mailboxId: input.mailboxId,
      batchSize: input.batchSize,
    });
    if (result.status === 'gone') return { reason: 'mailbox_gone' };
    if (result.status === 'synced' && result.more) continue;
    const interval =
      result.status === 'auth_failed' ? Math.max(input.pollIntervalMs, AUTH_FAILED_INTERVAL_MS) : input.pollIntervalMs;
    await condition(() => wake, interval);
  }
  return continueAsNew<typeof mailboxSyncWorkflow>(input);
}
