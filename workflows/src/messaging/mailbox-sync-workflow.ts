import {
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '@cadenza/activities';
import {
  mailboxSyncNowSignal,
  type MailboxIdleResult,
  type MailboxSyncInput,
  type MailboxSyncResult,
} from '@cadenza/contracts';

const { syncMailbox } = proxyActivities<Activities>({
  // One poll reads one batch; sign-in and connection trouble come back as a result, not a failure.
  startToCloseTimeout: '2 minutes',
  // It heartbeats while it reads: a killed worker's poll is retried on another within this.
  // (Timeouts are not part of replay's command check: older histories replay unchanged.)
  heartbeatTimeout: '20 seconds',
  // Only our own trouble throws (the database down): retried for as long as it takes.
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** The longest one IMAP IDLE lasts before the sync polls anyway (RFC 2177: re-IDLE within 29 minutes). */
export const IDLE_WAIT_MS = 4 * 60_000;

const { awaitMailboxMail } = proxyActivities<Activities>({
  // The IDLE's own bound plus the sign-in: the activity ends itself well before this.
  startToCloseTimeout: IDLE_WAIT_MS + 60_000,
  // Heartbeats every 5 s: a killed worker's wait is retried on another within this, and a
  // cancelled wait (sync now) learns so at its next heartbeat (the SDK sends one per 16 s).
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** A mailbox whose sign-in is refused waits this long at least before trying again (no lockouts). */
const AUTH_FAILED_INTERVAL_MS = 5 * 60_000;

/** After an IDLE that dropped, the sync polls after this back-off, doubled per drop in a row, up to the interval. */
const IDLE_DROP_BACKOFF_MS = 5_000;

/**
 * Marks runs that wait in IMAP IDLE between polls. Histories from before it started a timer
 * after every quiet poll and replay that way: patched() answers false there.
 */
export const MAILBOX_IDLE_PATCH = 'mailbox-sync-imap-idle';

/**
 * Keeps one mailbox's INBOX in sync for as long as the mailbox listens: polls, reads a batch
 * when there is more at once, otherwise waits for new mail (IMAP IDLE where the server has it,
 * the interval otherwise, or mailboxSyncNow), and continues as new after `pollsPerRun` polls.
 * The cursor lives in the database, so a new run, a restarted worker or a replay resumes where
 * the last poll committed.
 */
export async function mailboxSyncWorkflow(input: MailboxSyncInput): Promise<MailboxSyncResult> {
  let wake = false;
  setHandler(mailboxSyncNowSignal, () => void (wake = true));
  /** Cleared when the server turns out to have no IDLE: this run then polls on the interval. */
  let idleSupported = input.idle !== false;
  let dropsInARow = 0;
  for (let poll = 0; poll < input.pollsPerRun; poll += 1) {
    wake = false;
    const result = await syncMailbox({
      tenantId: input.tenantId,
      mailboxId: input.mailboxId,
      batchSize: input.batchSize,
    });
    if (result.status === 'gone') return { reason: 'mailbox_gone' };
    if (result.status === 'synced' && result.more) continue;
    if (result.status === 'synced' && idleSupported && patched(MAILBOX_IDLE_PATCH)) {
      const waited = await idleUnlessWoken(input, () => wake);
      if (waited?.status === 'no_idle') idleSupported = false;
      else if (waited?.status === 'dropped') {
        dropsInARow += 1;
        // A connection that drops in IDLE is not retried at once: a short, growing back-off, then a poll.
        const backoff = Math.min(IDLE_DROP_BACKOFF_MS * 2 ** (dropsInARow - 1), input.pollIntervalMs);
        await condition(() => wake, backoff);
        continue;
      } else {
        dropsInARow = 0;
        continue;
      }
    }
    const interval =
      result.status === 'auth_failed' ? Math.max(input.pollIntervalMs, AUTH_FAILED_INTERVAL_MS) : input.pollIntervalMs;
    await condition(() => wake, interval);
  }
  return continueAsNew<typeof mailboxSyncWorkflow>(input);
}

/**
 * Waits in IDLE until new mail or its bound; a mailboxSyncNow cancels the wait (answered as
 * null) so the poll runs at once.
 */
async function idleUnlessWoken(input: MailboxSyncInput, woken: () => boolean): Promise<MailboxIdleResult | null> {
  const scope = new CancellationScope();
  const waiting = scope.run(() =>
    awaitMailboxMail({ tenantId: input.tenantId, mailboxId: input.mailboxId, maxWaitMs: IDLE_WAIT_MS }),
  );
  const wakeUp = scope.run(() => condition(woken));
  // Whichever loses is cancelled with the scope below; its rejection is expected.
  waiting.catch(() => undefined);
  wakeUp.catch(() => undefined);
  const result = await Promise.race([waiting, wakeUp.then(() => null)]).catch((error: unknown) => {
    if (isCancellation(error)) return null;
    throw error;
  });
  scope.cancel();
  return result;
}
