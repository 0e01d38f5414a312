import type { DataSource, EntityManager } from 'typeorm';
import { claimMailboxImport, saveSyncCursor, type MailboxImport, type SyncingMailbox } from '@cadenza/data';

/** Where an imported message sits in the mailbox: the key that makes its import happen once. */
export interface ImportKey {
  uidValidity: number;
  uid: number;
}

export type ImportRow = Pick<MailboxImport, 'rfcMessageId' | 'messageId' | 'kind' | 'detail' | 'contentHash'>;

/**
 * Records the import of (mailbox, UIDVALIDITY, UID) and moves the cursor past it, in the
 * caller's transaction; false when it was recorded before (nothing is done twice).
 */
export async function claimImportIn(
  manager: EntityManager,
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  key: ImportKey,
  row: ImportRow,
): Promise<boolean> {
  const claimed = await claimMailboxImport(manager, {
    mailboxId: mailbox.id,
    tenantId: mailbox.tenantId,
    ...key,
    ...row,
  });
  if (claimed)
    await saveSyncCursor(manager, mailbox.tenantId, mailbox.id, { uidValidity: key.uidValidity, lastUid: key.uid });
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
