import { defineSignal } from '@temporalio/workflow';

export interface MailboxSyncInput {
  tenantId: string;
  mailboxId: string;
  /** Time between polls when the INBOX has nothing more to read. */
  pollIntervalMs: number;
  /** Polls before the workflow continues as new, which keeps its history short. */
  pollsPerRun: number;
  /** Most UIDs one poll reads. */
  batchSize: number;
  /**
   * Between polls, wait in IMAP IDLE when the server has it (the default). False polls on the
   * interval only (the benchmark's polling figures; tests on the time-skipping server).
   */
  idle?: boolean;
}

export interface MailboxSyncResult {
  /** Why the sync stopped: its mailbox was deleted or no longer names an IMAP server. */
  reason: 'mailbox_gone';
}

/** What one poll did, as the sync activity answers. */
export type MailboxPollResult =
  | { status: 'gone' }
  | { status: 'synced'; imported: number; more: boolean }
  | { status: 'auth_failed' | 'unreachable' | 'refused'; error: string };

/** Polls now rather than at the next interval (after a reconnect, or when mail is known to have arrived). */
export const mailboxSyncNowSignal = defineSignal('mailboxSyncNow');

/**
 * How one wait for new mail (IMAP IDLE) ended, as the idle activity answers. `new_mail`: the
 * server announced a message (EXISTS) or the INBOX was already past the cursor; `quiet`: the
 * wait's bound passed; `no_idle`: the server has no IDLE, the sync polls on its interval;
 * `dropped`: the connection failed or the server ended the IDLE, the sync polls after a short
 * back-off; `gone`: the mailbox no longer syncs.
 */
export type MailboxIdleResult =
  { status: 'new_mail' | 'quiet' | 'no_idle' | 'gone' } | { status: 'dropped'; error: string };

/** Input of the idle activity: how long one IDLE may last before the sync polls anyway. */
export interface MailboxIdleInput {
  tenantId: string;
  mailboxId: string;
  maxWaitMs: number;
}
