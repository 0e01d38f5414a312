import type { EntityManager } from 'typeorm';
import { ConflictError } from '@cadenza/core';
import { decryptSecret } from '../auth/secret-box';
import type { Db } from '../crm/crm-write';
import { MESSAGE_COLUMNS_OF_M, type StoredMessage } from './messages-repository';

/** What the sync needs to sign in to a mailbox's IMAP server, secret opened. Never leaves the worker. */
export interface SyncingMailbox {
  id: string;
  tenantId: string;
  address: string;
  imap: { host: string; port: number; secure: boolean; username: string; password: string | null };
}

/** Where the sync of one mailbox's INBOX stands: the folder's UIDVALIDITY and the last UID it handled. */
export interface SyncCursor {
  uidValidity: number;
  lastUid: number;
}

/**
 * What an imported message was: a reply, an automatic reply, someone else in our thread, a
 * hard or soft bounce or a success report about a message we sent, one of our own messages
 * come back (a loop), or a message that could not be read and was skipped.
 */
export type MailboxImportKind =
  'reply' | 'auto_reply' | 'foreign_sender' | 'bounce' | 'soft_bounce' | 'delivery_report' | 'loop' | 'unreadable';

/**
 * Where an imported message sits in its mailbox, stable for as long as the message is there: the
 * IMAP folder's (UIDVALIDITY, UID), or the provider's own message id (Gmail, Microsoft Graph).
 */
export type ImportKey = { uidValidity: number; uid: number } | { provider: 'gmail' | 'graph'; id: string };

/** The key as stored (mailbox_imports.source_key): `<UIDVALIDITY>:<UID>`, `gmail:<id>`, `graph:<id>`. */
export const importKeyText = (key: ImportKey): string =>
  'uid' in key ? `${key.uidValidity}:${key.uid}` : `${key.provider}:${key.id}`;

/** An imported message, keyed by where it sits in the mailbox. */
export interface MailboxImport {
  mailboxId: string;
  tenantId: string;
  key: ImportKey;
  rfcMessageId: string | null;
  messageId: string | null;
  kind: MailboxImportKind;
  /** What was decided and why (a bounce's status and reason, a loop's cause, a read error). */
  detail?: Record<string, unknown> | null;
  /** Tells a copy of this email from a different one under the same Message-ID (see inbound-content). */
  contentHash?: string | null;
}

/**
 * The mailbox to sync, or null when it is gone or no longer names an IMAP server (the sync
 * workflow then ends). The IMAP user defaults to the SMTP user, then to the address.
 */
export async function mailboxForSync(
  db: Db,
  secretKey: Buffer | null,
  tenantId: string,
  mailboxId: string,
): Promise<SyncingMailbox | null> {
  const rows = (await db.query(
    `SELECT id, tenant_id, from_address, username, imap_host, imap_port, imap_secure, imap_username, imap_secret_sealed
     FROM mailboxes WHERE tenant_id = $1 AND id = $2::uuid AND imap_host IS NOT NULL`,
    [tenantId, mailboxId],
  )) as Array<{
    id: string;
    tenant_id: string;
    from_address: string;
    username: string | null;
    imap_host: string;
    imap_port: number | null;
    imap_secure: boolean;
    imap_username: string | null;
    imap_secret_sealed: string | null;
  }>;
  const row = rows[0];
  if (!row) return null;
  if (row.imap_secret_sealed && !secretKey)
    throw new ConflictError(`mailbox ${row.id} has a sealed IMAP password but CADENZA_SECRET_KEY is not set`);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    address: row.from_address,
    imap: {
      host: row.imap_host,
      port: row.imap_port ?? (row.imap_secure ? 993 : 143),
      secure: row.imap_secure,
      username: row.imap_username ?? row.username ?? row.from_address,
      password: row.imap_secret_sealed && secretKey ? decryptSecret(secretKey, row.imap_secret_sealed) : null,
    },
  };
}

export async function readSyncCursor(db: Db, mailboxId: string): Promise<SyncCursor | null> {
  const rows = (await db.query(
    `SELECT uid_validity::text AS uid_validity, last_uid::text AS last_uid FROM mailbox_sync_cursors WHERE mailbox_id = $1`,
    [mailboxId],
  )) as Array<{ uid_validity: string; last_uid: string }>;
  const row = rows[0];
  return row ? { uidValidity: Number(row.uid_validity), lastUid: Number(row.last_uid) } : null;
}

/** Moves the cursor; written in the same transaction as the import it follows. */
export async function saveSyncCursor(db: Db, tenantId: string, mailboxId: string, cursor: SyncCursor): Promise<void> {
  await db.query(
    `INSERT INTO mailbox_sync_cursors (mailbox_id, tenant_id, uid_validity, last_uid) VALUES ($1, $2, $3, $4)
     ON CONFLICT (mailbox_id) DO UPDATE SET uid_validity = $3, last_uid = $4, updated_at = now()`,
    [mailboxId, tenantId, cursor.uidValidity, cursor.lastUid],
  );
}

/** The mailbox's health as settings show it: a good sync clears the error, a refused sign-in is kept apart. */
export async function recordSyncHealth(
  db: Db,
  mailboxId: string,
  health: { ok: true } | { ok: false; error: string; authFailed: boolean },
): Promise<void> {
  if (health.ok) {
    await db.query(
      `UPDATE mailboxes SET last_sync_at = now(), last_sync_error = NULL, auth_failed_at = NULL WHERE id = $1`,
      [mailboxId],
    );
    return;
  }
  await db.query(
    `UPDATE mailboxes SET last_sync_error = $2,
       auth_failed_at = CASE WHEN $3 THEN coalesce(auth_failed_at, now()) ELSE NULL END
     WHERE id = $1`,
    [mailboxId, health.error.slice(0, 1000), health.authFailed],
  );
}

/** Records an import; false when this key (IMAP UIDVALIDITY and UID, or provider message id) was imported before. */
export async function claimMailboxImport(manager: EntityManager, row: MailboxImport): Promise<boolean> {
  const imap = 'uid' in row.key ? row.key : null;
  const inserted = (await manager.query(
    `INSERT INTO mailbox_imports (mailbox_id, tenant_id, source_key, uid_validity, uid, rfc_message_id, message_id, kind, detail, content_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10) ON CONFLICT DO NOTHING RETURNING source_key`,
    [
      row.mailboxId,
      row.tenantId,
      importKeyText(row.key),
      imap?.uidValidity ?? null,
      imap?.uid ?? null,
      row.rfcMessageId,
      row.messageId,
      row.kind,
      row.detail ? JSON.stringify(row.detail) : null,
      row.contentHash ?? null,
    ],
  )) as unknown[];
  return inserted.length === 1;
}

/** Imports whose run was not told yet: the sync stopped between recording one and signalling. */
export async function unsignalledMailboxImports(
  db: Db,
  mailboxId: string,
): Promise<Array<{ key: ImportKey; messageId: string; runWorkflowId: string; kind: MailboxImportKind }>> {
  const rows = (await db.query(
    `SELECT source_key, uid_validity::text AS uid_validity, uid::text AS uid, message_id, run_workflow_id, kind FROM mailbox_imports
     WHERE mailbox_id = $1 AND run_workflow_id IS NOT NULL AND signalled_at IS NULL AND message_id IS NOT NULL
     ORDER BY created_at`,
    [mailboxId],
  )) as Array<{
    source_key: string;
    uid_validity: string | null;
    uid: string | null;
    message_id: string;
    run_workflow_id: string;
    kind: MailboxImportKind;
  }>;
  return rows.map((row) => ({
    key: importKeyOf(row),
    messageId: row.message_id,
    runWorkflowId: row.run_workflow_id,
    kind: row.kind,
  }));
}

function importKeyOf(row: { source_key: string; uid_validity: string | null; uid: string | null }): ImportKey {
  if (row.uid_validity !== null && row.uid !== null)
    return { uidValidity: Number(row.uid_validity), uid: Number(row.uid) };
  const [provider, ...id] = row.source_key.split(':');
  return { provider: provider === 'graph' ? 'graph' : 'gmail', id: id.join(':') };
}

export async function markMailboxImportSignalled(db: Db, mailboxId: string, key: ImportKey): Promise<void> {
  await db.query(`UPDATE mailbox_imports SET signalled_at = now() WHERE mailbox_id = $1 AND source_key = $2`, [
    mailboxId,
    importKeyText(key),
  ]);
}

/**
 * The email Cadenza last sent to this address from a run still going: how a reply without
 * thread headers (a new email from the contact) is matched to its enrollment.
 */
export async function latestActiveEmailTo(db: Db, tenantId: string, address: string): Promise<StoredMessage | null> {
  const rows = (await db.query(
    `SELECT ${MESSAGE_COLUMNS_OF_M} FROM messages m JOIN flow_runs r ON r.enrollment_id = m.enrollment_id AND r.tenant_id = m.tenant_id
     WHERE m.tenant_id = $1 AND m.channel = 'email' AND lower(m.to_address) = lower($2) AND r.ended_at IS NULL
       AND m.status NOT IN ('queued', 'failed', 'suppressed')
     ORDER BY m.created_at DESC LIMIT 1`,
    [tenantId, address],
  )) as StoredMessage[];
  return rows[0] ?? null;
}

/** The messages of this tenant that these RFC Message-IDs name (thread matching stays inside the tenant). */
export async function findTenantMessagesByRfcIds(db: Db, tenantId: string, rfcIds: string[]): Promise<StoredMessage[]> {
  if (rfcIds.length === 0) return [];
  return (await db.query(
    `SELECT ${MESSAGE_COLUMNS_OF_M} FROM messages m WHERE m.tenant_id = $1 AND m.rfc_message_id = ANY($2::text[])`,
    [tenantId, rfcIds],
  )) as StoredMessage[];
}

/** Names the run an import must tell, in the import's transaction. */
export async function setMailboxImportRun(
  manager: EntityManager,
  mailboxId: string,
  key: ImportKey,
  runWorkflowId: string,
): Promise<void> {
  await manager.query(`UPDATE mailbox_imports SET run_workflow_id = $3 WHERE mailbox_id = $1 AND source_key = $2`, [
    mailboxId,
    importKeyText(key),
    runWorkflowId,
  ]);
}
