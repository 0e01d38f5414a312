import type { DataSource } from 'typeorm';
import { mailboxImportClaimed, noteMailboxImportFailure, type ImportKey, type SyncingMailbox } from '@cadenza/data';
import { EgressRefusedError } from '../../net';
import { AccessTokenRejected, isNetworkTrouble, MailApiError } from '../mail-api/api-call';
import { MailboxAuthExpired } from '../mail-oauth/mailbox-access';
import { TokenEndpointError } from '../mail-oauth/token-endpoint';
import { isImapTrouble } from './imap-trouble';
import { recordQuietImport } from './import-record';
import { storable } from './inbound-content';

/**
 * A message whose import failed this many times (in as many polls: each failure ends the
 * poll, and the next one retries it) is recorded as `unreadable` and skipped, the cursor
 * moving past it. One bad message never holds a mailbox for good; a brief hiccup does not
 * lose a reply, since it is retried first.
 */
export const MAX_IMPORT_ATTEMPTS = 5;

/**
 * Trouble with the connection or the sign-in, not with one message: the poll's, never
 * counted against a message. A NO or BAD answer to a command about this message, and Node's
 * own ERR_* errors (a bug meeting odd input), are the message's. For Gmail and Graph, a
 * token refused or not refreshed, a throttle (429), an outage (5xx) or no answer are the poll's;
 * another refusal about this message (a 400) is the message's.
 */
function pollTrouble(error: unknown): boolean {
  if (error instanceof EgressRefusedError) return true;
  if (error instanceof MailboxAuthExpired || error instanceof TokenEndpointError) return true;
  if (error instanceof AccessTokenRejected || isNetworkTrouble(error)) return true;
  if (error instanceof MailApiError) return error.status === 429 || error.status >= 500;
  if (!isImapTrouble(error)) return false;
  const e = error as { authenticationFailed?: boolean; responseStatus?: string; code?: unknown };
  if (e.authenticationFailed) return true;
  if (e.responseStatus) return false;
  return typeof e.code === 'string' && !e.code.startsWith('ERR_');
}

/**
 * Runs the import of one message. The connection's trouble is the poll's (thrown as it is);
 * so is a failure after the import was recorded (telling the run: the next poll does it).
 * Any other failure is counted against the message and thrown, so the poll is retried; at
 * MAX_IMPORT_ATTEMPTS the message is recorded as unreadable instead and the poll goes on.
 * When the failure cannot even be counted (the database is down), the original error is thrown.
 */
export async function guardImport(
  db: DataSource,
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  key: ImportKey,
  importMessage: () => Promise<boolean>,
): Promise<boolean> {
  try {
    return await importMessage();
  } catch (error) {
    if (pollTrouble(error)) throw error;
    const message = storable(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
    let attempts: number;
    try {
      if (await mailboxImportClaimed(db, mailbox.id, key)) throw error;
      attempts = await noteMailboxImportFailure(db, {
        mailboxId: mailbox.id,
        tenantId: mailbox.tenantId,
        key,
        error: message,
      });
    } catch {
      throw error;
    }
    if (attempts < MAX_IMPORT_ATTEMPTS) throw error;
    await recordQuietImport(db, mailbox, key, {
      kind: 'unreadable',
      rfcMessageId: null,
      messageId: null,
      contentHash: null,
      detail: { error: message, attempts },
    });
    return false;
  }
}
