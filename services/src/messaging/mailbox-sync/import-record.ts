import type { DataSource, EntityManager } from 'typeorm';
import {
  claimMailboxImport,
  saveSyncCursor,
  type ImportKey,
  type MailboxImport,
  type SyncingMailbox,
} from '@cadenza/data';

export type ImportRow = Pick<MailboxImport, 'rfcMessageId' | 'messageId' | 'kind' | 'detail' | 'contentHash'>;

/**
 * An IMAP import moves the folder's cursor past its UID in the import's own transaction. A Gmail
 * or Graph key has no per-message cursor: their sync saves its page cursor after the batch.
 */
export async function saveImapCursorIn(
  manager: EntityManager,
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  key: ImportKey,
): Promise<void> {
  if ('uid' in key)
    await saveSyncCursor(manager, mailbox.tenantId, mailbox.id, { uidValidity: key.uidValidity, lastUid: key.uid });
}

/**
 * Records the import of this key (and moves an IMAP cursor past it), in the caller's
 * transaction; false when it was recorded before (nothing is done twice).
 */
export async function claimImportIn(
  manager: EntityManager,
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  key: ImportKey,
  row: ImportRow,
): Promise<boolean> {
  const claimed = await claimMailboxImport(manager, { mailboxId: mailbox.id, tenantId: mailbox.tenantId, key, ...row });
  if (claimed) await saveImapCursorIn(manager, mailbox, key);
  return claimed;
}

/** An import no run hears of (a loop, a success report, a message skipped as unreadable): row and cursor, one transaction. */
export function recordQuietImport(
  db: DataSource,
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  key: ImportKey,
  row: ImportRow,
): Promise<boolean> {
  return db.transaction((manager) => claimImportIn(manager, mailbox, key, row));
}
