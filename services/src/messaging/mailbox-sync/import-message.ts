import type { DataSource } from 'typeorm';
import {
  findTenantMessagesByRfcIds,
  latestActiveEmailTo,
  markMailboxImportSignalled,
  setMailboxImportRun,
  unsignalledMailboxImports,
  type ImportKey,
  type SyncingMailbox,
} from '@cadenza/data';
import { recordInboundEventIn, type SignalRun } from '../inbound-intake';
import { referencedMessageIds } from '../message-id';
import { isAutoReply } from './auto-reply';
import { decideInbound } from './inbound-decision';
import { inboundContent, isDuplicateImport, storableEntry } from './inbound-content';
import { guardImport } from './import-guard';
import { claimImportIn } from './import-record';
import { loopOfMatched, recordLoop } from './mail-loops';
import { importIfNotAReply } from './screen-inbound';

/**
 * One message of a synced mailbox as the import decides on it, whatever the source (IMAP, the
 * Gmail API, Microsoft Graph): envelope facts and the deciding headers; the body is fetched only
 * for mail that concerns Cadenza.
 */
export interface InboundMessage {
  /** Stable per mailbox: IMAP (UIDVALIDITY, UID), the Gmail or Graph message id. Imported once per key. */
  key: ImportKey;
  /** Size in bytes (an estimate from the APIs; 0 when the source does not say). */
  size: number;
  /** When the mailbox received it (IMAP INTERNALDATE, Gmail internalDate, Graph receivedDateTime). */
  receivedAt: Date | null;
  from: string | null;
  subject: string | null;
  /** Lower-case names, unfolded values. */
  headers: Map<string, string>;
  /**
   * The RFC 5322 message, at most its first `maxBytes` bytes (an IMAP partial fetch, a bounded
   * read of the API's answer); null when the mailbox no longer has it. Read only when it is imported.
   */
  source(maxBytes: number): Promise<Buffer | null>;
}

/** Where an import came from, as the message event records it. */
export type InboundVia = 'imap' | 'gmail' | 'microsoft';

/** The mailbox an import belongs to; `address` is the mailbox's own (mail from it is a loop, never a reply). */
export type ImportingMailbox = Pick<SyncingMailbox, 'id' | 'tenantId' | 'address'>;

export interface ImportDependencies {
  db: DataSource;
  signalRun: SignalRun;
}

/**
 * Imports one message of any mailbox kind, guarded: a message whose import keeps failing is
 * recorded as unreadable and skipped (import-guard.ts). True when this call imported it.
 */
export function importMessage(
  deps: ImportDependencies,
  mailbox: ImportingMailbox,
  entry: InboundMessage,
  via: InboundVia,
): Promise<boolean> {
  return guardImport(deps.db, mailbox, entry.key, () => importEntry(deps, mailbox, entry, via));
}

/**
 * Imports one message when it concerns Cadenza; true when it was imported by this call. Our
 * own mail come back and delivery reports are screened first (screen-inbound.ts); the rest is
 * matched as a reply. The import is claimed by its key in one transaction with the event it
 * records (and, for IMAP, the cursor), and its run is signalled after the commit; a claim whose
 * signal did not go out is told by signalPendingImports at the start of the next poll. So a
 * message is processed once across retries, restarts and kills, from any source.
 */
async function importEntry(
  deps: ImportDependencies,
  mailbox: ImportingMailbox,
  fetched: InboundMessage,
  via: InboundVia,
): Promise<boolean> {
  const { db } = deps;
  const entry = storableEntry(fetched);
  const { key } = entry;
  const content = inboundContent(entry);
  // Our own email come back, delivery reports: never replies (screen-inbound.ts).
  const screened = await importIfNotAReply(deps, mailbox, entry, content, via);
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
  // The same email under a new UIDVALIDITY, copied back into the INBOX, delivered twice or found
  // again by a full Gmail resync or a restarted Graph delta: already handled.
  if (await isDuplicateImport(db, mailbox.id, rfcMessageId, content)) return false;
  const { toAddress: _toAddress, sentAt: _sentAt, ...message } = decision.message;
  const contentHash = await content.hash();
  // The rep's own address, X-Loop, automatic replies answering each other: recorded, never a reply (mail-loops.ts).
  const loop = await loopOfMatched(db, mailbox, entry, decision);
  if (loop) return recordLoop(db, mailbox, key, { cause: loop, rfcMessageId, messageId: message.id, contentHash });
  const text = await content.text();
  const outcome = await db.transaction(async (manager) => {
    const claimed = await claimImportIn(manager, mailbox, key, {
      rfcMessageId,
      messageId: message.id,
      kind: decision.kind,
      contentHash,
    });
    if (!claimed) return null;
    if (decision.kind === 'foreign_sender') return { workflowId: null };
    const { workflowId } = await recordInboundEventIn(manager, message, decision.kind, {
      from: entry.from,
      subject: entry.subject,
      text,
      via,
      mailboxId: mailbox.id,
      matchedBy: decision.matchedBy,
    });
    if (workflowId) await setMailboxImportRun(manager, mailbox.id, key, workflowId);
    return { workflowId };
  });
  if (!outcome) return false;
  if (outcome.workflowId) {
    // An automatic reply reaches the run as such (reply triage reads it), never as the contact replying.
    const kind = decision.kind === 'auto_reply' ? 'auto_reply' : 'reply';
    await deps.signalRun(outcome.workflowId, { kind, messageId: message.id });
    await markMailboxImportSignalled(db, mailbox.id, key);
  }
  return true;
}

/**
 * Tells the runs of imports recorded by a poll that stopped before signalling them (a bounce's
 * run hears `bounce`, an automatic reply's `auto_reply`).
 */
export async function signalPendingImports(deps: ImportDependencies, mailboxId: string): Promise<void> {
  for (const pending of await unsignalledMailboxImports(deps.db, mailboxId)) {
    const event =
      pending.kind === 'bounce'
        ? { kind: 'bounce' as const }
        : {
            kind: pending.kind === 'auto_reply' ? ('auto_reply' as const) : ('reply' as const),
            messageId: pending.messageId,
          };
    await deps.signalRun(pending.runWorkflowId, event);
    await markMailboxImportSignalled(deps.db, mailboxId, pending.key);
  }
}
