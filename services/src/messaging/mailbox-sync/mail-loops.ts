import type { DataSource } from 'typeorm';
import {
  findTenantMessagesByRfcIds,
  messageEventCount,
  type ImportKey,
  type StoredMessage,
  type SyncingMailbox,
} from '@cadenza/data';
import { referencedMessageIds } from '../message-id';
import type { InboundMessage } from './import-message';
import { recordQuietImport } from './import-record';

/**
 * Why an email in the mailbox is mail going round in a circle rather than anyone answering:
 * - `own_message`: one of the emails Cadenza sent, come back (the rep in Bcc, a contact address
 *   forwarding to the rep, a contact who is the rep): its Message-ID is ours, or it carries
 *   the X-Cadenza-Idempotency-Key header every email we send has;
 * - `own_address`: sent from the mailbox's own address (the rep writing into our thread, the
 *   rep's own vacation responder): never the contact replying, even when the contact's address
 *   is the mailbox's;
 * - `x_loop`: marked X-Loop with the mailbox's address by a filter or list that sent it;
 * - `auto_reply_ping_pong`: one more automatic reply to a message that already had
 *   MAX_AUTO_REPLIES_PER_MESSAGE of them (two responders answering each other).
 * A loop is recorded as an import of kind `loop` (with its cause) and nothing else: no message
 * event, no timeline entry, no signal.
 */
export type LoopCause = 'own_message' | 'own_address' | 'x_loop' | 'auto_reply_ping_pong';

export const MAX_AUTO_REPLIES_PER_MESSAGE = 3;

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The loop an email's sender and X-Loop header show with this mailbox, if any. */
export function addressLoop(
  entry: Pick<InboundMessage, 'from' | 'headers'>,
  mailboxAddress: string,
): 'own_address' | 'x_loop' | null {
  if (entry.from && sameAddress(entry.from, mailboxAddress)) return 'own_address';
  const xLoop = entry.headers.get('x-loop')?.toLowerCase() ?? '';
  if (xLoop && xLoop.includes(mailboxAddress.trim().toLowerCase())) return 'x_loop';
  return null;
}

/**
 * One of the emails Cadenza sent, come back: `message` is ours (this workspace's), or null
 * when the email carries our header but is not this workspace's. Null when it is not ours.
 */
export async function ownEmailComeBack(
  db: DataSource,
  tenantId: string,
  entry: Pick<InboundMessage, 'headers'>,
): Promise<{ message: StoredMessage | null } | null> {
  const ownId = referencedMessageIds(entry.headers.get('message-id'))[0];
  const [message] = ownId ? await findTenantMessagesByRfcIds(db, tenantId, [ownId]) : [];
  if (message) return { message };
  return entry.headers.has('x-cadenza-idempotency-key') ? { message: null } : null;
}

/** For an email matched to one of our messages: the loop it is part of, if any. */
export async function loopOfMatched(
  db: DataSource,
  mailbox: Pick<SyncingMailbox, 'address'>,
  entry: Pick<InboundMessage, 'from' | 'headers'>,
  matched: { kind: string; message: { id: string } },
): Promise<LoopCause | null> {
  const byAddress = addressLoop(entry, mailbox.address);
  if (byAddress) return byAddress;
  if (
    matched.kind === 'auto_reply' &&
    (await messageEventCount(db, matched.message.id, 'auto_reply')) >= MAX_AUTO_REPLIES_PER_MESSAGE
  )
    return 'auto_reply_ping_pong';
  return null;
}

export function recordLoop(
  db: DataSource,
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  key: ImportKey,
  loop: { cause: LoopCause; rfcMessageId: string | null; messageId: string | null; contentHash: string | null },
): Promise<boolean> {
  return recordQuietImport(db, mailbox, key, {
    kind: 'loop',
    rfcMessageId: loop.rfcMessageId,
    messageId: loop.messageId,
    contentHash: loop.contentHash,
    detail: { cause: loop.cause },
  });
}
