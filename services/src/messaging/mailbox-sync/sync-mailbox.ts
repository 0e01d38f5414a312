import type { DataSource } from 'typeorm';
import type { MailboxPollResult } from '@cadenza/contracts';
import {
  claimMailboxImport,
  findTenantMessagesByRfcIds,
  latestActiveEmailTo,
  mailboxForSync,
  markMailboxImportSignalled,
  readSyncCursor,
  recordSyncHealth,
  saveSyncCursor,
  setMailboxImportRun,
  unsignalledMailboxImports,
  type SyncingMailbox,
} from '@cadenza/data';
import { EgressRefusedError, type EgressGuard } from '../../net';
import { recordInboundEventIn, type SignalRun } from '../inbound-intake';
import { referencedMessageIds } from '../message-id';
import { isAutoReply } from './auto-reply';
import { openImapInbox, type ImapInbox, type InboxEntry } from './imap-inbox';
import { decideInbound } from './inbound-decision';
import { inboundContent, isDuplicateImport, storableEntry } from './inbound-content';
import { isImapTrouble } from './imap-trouble';
import { guardImport } from './import-guard';
import { loopOfMatched, recordLoop } from './mail-loops';
import { importIfNotAReply } from './screen-inbound';
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
      // A message that keeps failing is recorded as unreadable and skipped (import-guard.ts).
      if (await guardImport(deps.db, mailbox, key, () => importEntry(deps, mailbox, inbox, key.uidValidity, entry)))
        imported += 1;
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

/** Imports one message when it concerns Cadenza; true when it was imported by this call. */
async function importEntry(
  deps: MailboxSyncDependencies,
  mailbox: SyncingMailbox,
  inbox: ImapInbox,
  uidValidity: number,
  fetched: InboxEntry,
): Promise<boolean> {
  const { db } = deps;
  const entry = storableEntry(fetched);
  const key = { uidValidity, uid: entry.uid };
  const content = inboundContent(inbox, entry);
  // Our own email come back, delivery reports: never replies (screen-inbound.ts).
  const screened = await importIfNotAReply(deps, mailbox, key, entry, content);
  if (screened !== null) return screened;
  const threadIds = referencedMessageIds(entry.headers.get('in-reply-to'), entry.headers.get('references'));
  const [byThread] = await findTenantMessagesByRfcIds(db, mailbox.tenantId, threadIds);
  const bySender = !byThread && entry.from ? await latestActiveEmailTo(db, mailbox.tenantId, entry.from) : null;
  const withAddress = <M extends { to_address: string; sent_at: Date | null }>(m: M | null | undefined) =>
    m ? { ...m, toAddress: m.to_address, sentAt: m.sent_at } : null;
  const decision = decideInbound({
    from: entry.from,
    receivedAt: entry.receivedAt,
    autoReply: isAutoReply(entry.headers, entry.subject),
    byThread: withAddress(byThread),
    bySender: withAddress(bySender),
  });
  if (decision.kind === 'ignore') return false;
  const rfcMessageId = referencedMessageIds(entry.headers.get('message-id'))[0] ?? null;
  // The same email under a new UIDVALIDITY, copied back into the INBOX or delivered twice: already handled.
  if (await isDuplicateImport(db, mailbox.id, rfcMessageId, content)) return false;
  const { toAddress: _toAddress, sentAt: _sentAt, ...message } = decision.message;
  const contentHash = await content.hash();
  // The rep's own address, X-Loop, automatic replies answering each other: recorded, never a reply (mail-loops.ts).
  const loop = await loopOfMatched(db, mailbox, entry, decision);
  if (loop) return recordLoop(db, mailbox, key, { cause: loop, rfcMessageId, messageId: message.id, contentHash });
  const text = await content.text();
  const outcome = await db.transaction(async (manager) => {
    const claimed = await claimMailboxImport(manager, {
      mailboxId: mailbox.id,
      tenantId: mailbox.tenantId,
      ...key,
      rfcMessageId,
      messageId: message.id,
      kind: decision.kind,
      contentHash,
    });
    if (!claimed) return null;
    await saveSyncCursor(manager, mailbox.tenantId, mailbox.id, { uidValidity, lastUid: entry.uid });
    if (decision.kind === 'foreign_sender') return { workflowId: null };
    const { workflowId } = await recordInboundEventIn(manager, message, decision.kind, {
      from: entry.from,
      subject: entry.subject,
      text,
      via: 'imap',
      mailboxId: mailbox.id,
      matchedBy: decision.matchedBy,
    });
    if (workflowId) await setMailboxImportRun(manager, mailbox.id, key, workflowId);
    return { workflowId };
  });
  if (!outcome) return false;
  if (outcome.workflowId) {
    await deps.signalRun(outcome.workflowId, { kind: 'reply', messageId: message.id });
    await markMailboxImportSignalled(db, mailbox.id, key);
  }
  return true;
}

/** Tells the runs of imports recorded by a poll that stopped before signalling them. */
async function signalPendingImports(deps: MailboxSyncDependencies, mailboxId: string): Promise<void> {
  for (const pending of await unsignalledMailboxImports(deps.db, mailboxId)) {
    const event =
      pending.kind === 'bounce'
        ? { kind: 'bounce' as const }
        : { kind: 'reply' as const, messageId: pending.messageId };
    await deps.signalRun(pending.runWorkflowId, event);
    await markMailboxImportSignalled(deps.db, mailboxId, pending);
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
