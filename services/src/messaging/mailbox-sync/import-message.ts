import type { DataSource, EntityManager } from 'typeorm';
import {
  claimMailboxImport,
  findTenantMessagesByRfcIds,
  latestActiveEmailTo,
  mailboxImportedRfcId,
  markMailboxImportSignalled,
  setMailboxImportRun,
  unsignalledMailboxImports,
  type ImportKey,
} from '@cadenza/data';
import { recordInboundEventIn, type SignalRun } from '../inbound-intake';
import { referencedMessageIds } from '../message-id';
import { isAutoReply } from './auto-reply';
import { decideInbound } from './inbound-decision';
import { inboundText } from './parse-inbound';

/**
 * One message of a synced mailbox as the import decides on it, whatever the source (IMAP, the
 * Gmail API, Microsoft Graph): envelope facts and the deciding headers; the body is fetched only
 * for mail that concerns Cadenza.
 */
export interface InboundMessage {
  /** Stable per mailbox: IMAP (UIDVALIDITY, UID), the Gmail or Graph message id. Imported once per key. */
  key: ImportKey;
  /** Size in bytes (an estimate from the APIs). */
  size: number;
  /** When the mailbox received it (IMAP INTERNALDATE, Gmail internalDate, Graph receivedDateTime). */
  receivedAt: Date | null;
  from: string | null;
  subject: string | null;
  /** Lower-case names, unfolded values. */
  headers: Map<string, string>;
  /** The whole RFC 5322 message, read only when it is imported. */
  source(): Promise<Buffer | null>;
}

/** Where an import came from, as the message event records it. */
export type InboundVia = 'imap' | 'gmail' | 'microsoft';

export interface ImportDependencies {
  db: DataSource;
  signalRun: SignalRun;
}

/** Bodies larger than this are recorded without their text (a 25 MB attachment is not a reply's words). */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/**
 * Imports one message when it concerns Cadenza; true when it was imported by this call. The
 * import is claimed by its key in one transaction with the event it records (and `inClaim`, the
 * IMAP cursor), and its run is signalled after the commit; a claim whose signal did not go out is
 * told by signalPendingImports at the start of the next poll. So a message is processed once
 * across retries, restarts and kills, from any source.
 */
export async function importEntry(
  deps: ImportDependencies,
  mailbox: { id: string; tenantId: string },
  entry: InboundMessage,
  options: { via: InboundVia; inClaim?: (manager: EntityManager) => Promise<void> },
): Promise<boolean> {
  const { db } = deps;
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
  // The same email under a new UIDVALIDITY, copied back into the INBOX, or found again by a full resync: already handled.
  if (rfcMessageId && (await mailboxImportedRfcId(db, mailbox.id, rfcMessageId))) return false;
  const source = entry.size <= MAX_SOURCE_BYTES ? await entry.source() : null;
  const text = source ? await inboundText(source) : '';
  const { toAddress: _toAddress, sentAt: _sentAt, ...message } = decision.message;
  const key = entry.key;
  const outcome = await db.transaction(async (manager) => {
    const claimed = await claimMailboxImport(manager, {
      mailboxId: mailbox.id,
      tenantId: mailbox.tenantId,
      key,
      rfcMessageId,
      messageId: message.id,
      kind: decision.kind,
    });
    if (!claimed) return null;
    await options.inClaim?.(manager);
    if (decision.kind === 'foreign_sender') return { workflowId: null };
    const { workflowId } = await recordInboundEventIn(manager, message, decision.kind, {
      from: entry.from,
      subject: entry.subject,
      text,
      via: options.via,
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
export async function signalPendingImports(deps: ImportDependencies, mailboxId: string): Promise<void> {
  for (const pending of await unsignalledMailboxImports(deps.db, mailboxId)) {
    await deps.signalRun(pending.runWorkflowId, { kind: 'reply', messageId: pending.messageId });
    await markMailboxImportSignalled(deps.db, mailboxId, pending.key);
  }
}
