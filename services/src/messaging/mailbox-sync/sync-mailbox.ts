import type { DataSource } from 'typeorm';
import type { MailboxPollResult } from '@cadenza/contracts';
import { mailboxForSync, readSyncCursor, recordSyncHealth, saveSyncCursor, type SyncingMailbox } from '@cadenza/data';
import { EgressRefusedError, type EgressGuard } from '../../net';
import type { SignalRun } from '../inbound-intake';
import { openImapInbox, type ImapInbox } from './imap-inbox';
import { importMessage, signalPendingImports } from './import-message';
import { isImapTrouble } from './imap-trouble';
import { planSync } from './sync-cursor';

export interface MailboxSyncDependencies {
  db: DataSource;
  /** Opens the sealed IMAP password (the deployment key). */
  secretKey: Buffer | null;
  egress: EgressGuard;
  signalRun: SignalRun;
}

/**
 * `gone`: the mailbox was deleted or no longer names an IMAP server, the sync is over.
 * `auth_failed`, `unreachable`, `refused`: nothing was read; the mailbox's health says why.
 */
export type MailboxSyncResult = MailboxPollResult;

/**
 * One poll of a mailbox: reads the INBOX past the stored cursor (at most `batchSize` UIDs),
 * imports what concerns Cadenza and tells the runs. Each import is recorded with the cursor in
 * one transaction keyed by (mailbox, UIDVALIDITY, UID), and its run is signalled after the
 * commit; an import whose signal did not go out (the worker died in between) is signalled at the
 * start of the next poll. So a message is processed once across retries, restarts and kills.
 * Sign-in and connection failures are the mailbox's state, not the activity's failure.
 */
export async function syncMailboxOnce(
  deps: MailboxSyncDependencies,
  target: { tenantId: string; mailboxId: string; batchSize: number },
): Promise<MailboxSyncResult> {
  const mailbox = await mailboxForSync(deps.db, deps.secretKey, target.tenantId, target.mailboxId);
  if (!mailbox) return { status: 'gone' };
  await signalPendingImports(deps, mailbox.id);
  let inbox: ImapInbox;
  try {
    inbox = await openImapInbox(mailbox, deps.egress);
  } catch (error) {
    return failed(deps, mailbox, error);
  }
  try {
    const plan = planSync(await readSyncCursor(deps.db, mailbox.id), inbox.folder, target.batchSize);
    if (plan.kind === 'up-to-date') {
      await saveSyncCursor(deps.db, mailbox.tenantId, mailbox.id, plan.cursor);
      await recordSyncHealth(deps.db, mailbox.id, { ok: true });
      return { status: 'synced', imported: 0, more: false };
    }
    let imported = 0;
    for (const entry of await inbox.entries(plan.fromUid, plan.toUid)) {
      const key = { uidValidity: plan.after.uidValidity, uid: entry.uid };
      // The shared import (import-message.ts) moves the cursor with each import, in its transaction.
      const message = { ...entry, key, source: (maxBytes: number) => inbox.source(entry.uid, maxBytes) };
      if (await importMessage(deps, mailbox, message, 'imap')) imported += 1;
    }
    await saveSyncCursor(deps.db, mailbox.tenantId, mailbox.id, plan.after);
    await recordSyncHealth(deps.db, mailbox.id, { ok: true });
    return { status: 'synced', imported, more: plan.more };
  } catch (error) {
    if (isImapTrouble(error)) return failed(deps, mailbox, error);
    throw error;
  } finally {
    await inbox.close();
  }
}

async function failed(
  deps: MailboxSyncDependencies,
  mailbox: SyncingMailbox,
  error: unknown,
): Promise<MailboxSyncResult> {
  if (!(error instanceof EgressRefusedError) && !isImapTrouble(error)) throw error;
  const authFailed = Boolean((error as { authenticationFailed?: boolean }).authenticationFailed);
  const status = error instanceof EgressRefusedError ? 'refused' : authFailed ? 'auth_failed' : 'unreachable';
  const { host, port } = mailbox.imap;
  const detail = authFailed
    ? 'the server refused the user name or password'
    : String((error as Error).message ?? error).slice(0, 500);
  const message = `IMAP ${host}:${port}: ${detail}`;
  await recordSyncHealth(deps.db, mailbox.id, { ok: false, error: message, authFailed });
  return { status, error: message };
}
