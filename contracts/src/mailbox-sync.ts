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
