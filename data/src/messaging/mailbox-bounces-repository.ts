import type { Db } from '../crm/crm-write';
import { importKeyText, type ImportKey } from './mailbox-sync-repository';
import { MESSAGE_COLUMNS_OF_M, type MessageEventKind, type StoredMessage } from './messages-repository';

/**
 * The email this mailbox last sent to an address within `withinDays`: how a bounce that does
 * not quote our Message-ID is matched (by its Final-Recipient or Original-Recipient). Only
 * mail from this mailbox: a report comes back to the envelope sender, which is the mailbox.
 */
export async function recentEmailFromMailboxTo(
  db: Db,
  target: { tenantId: string; mailboxId: string; address: string; withinDays: number },
): Promise<StoredMessage | null> {
  const rows = (await db.query(
    `SELECT ${MESSAGE_COLUMNS_OF_M} FROM messages m
     WHERE m.tenant_id = $1 AND m.mailbox_id = $2 AND m.channel = 'email' AND lower(m.to_address) = lower($3)
       AND m.status NOT IN ('queued', 'failed', 'suppressed') AND m.sent_at > now() - make_interval(days => $4)
     ORDER BY m.sent_at DESC LIMIT 1`,
    [target.tenantId, target.mailboxId, target.address, target.withinDays],
  )) as StoredMessage[];
  return rows[0] ?? null;
}

/**
 * The different days (UTC `YYYY-MM-DD`, by when each report arrived) on which mail to this
 * address soft-bounced within the last `windowDays`, counting only since the last sign that
 * the address works: a reply, an automatic reply, an open or a click on mail to it, or a
 * report saying it was delivered.
 */
export async function softBounceDays(
  db: Db,
  target: { tenantId: string; address: string; windowDays: number },
): Promise<string[]> {
  const rows = (await db.query(
    `WITH to_address AS (
       SELECT id FROM messages WHERE tenant_id = $1 AND channel = 'email' AND lower(to_address) = lower($2)
     ), settled AS (
       SELECT max(at) AS at FROM (
         SELECT max(occurred_at) AS at FROM message_events
          WHERE tenant_id = $1 AND kind IN ('reply', 'auto_reply', 'open', 'click')
            AND message_id IN (SELECT id FROM to_address)
         UNION ALL
         SELECT max(created_at) FROM mailbox_imports
          WHERE tenant_id = $1 AND kind = 'delivery_report' AND message_id IN (SELECT id FROM to_address)
       ) signs
     ), bounces AS (
       SELECT coalesce((data->>'receivedAt')::timestamptz, occurred_at) AS at, occurred_at FROM message_events
        WHERE tenant_id = $1 AND kind = 'soft_bounce' AND message_id IN (SELECT id FROM to_address)
          AND occurred_at > now() - make_interval(days => $3)
     )
     SELECT DISTINCT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM bounces
      WHERE at > now() - make_interval(days => $3)
        AND occurred_at > coalesce((SELECT at FROM settled), '-infinity'::timestamptz)
      ORDER BY day`,
    [target.tenantId, target.address, target.windowDays],
  )) as Array<{ day: string }>;
  return rows.map((row) => row.day);
}

/** How many events of a kind a message has (automatic replies, to stop a ping-pong). */
export async function messageEventCount(db: Db, messageId: string, kind: MessageEventKind): Promise<number> {
  const rows = (await db.query(`SELECT count(*)::int AS n FROM message_events WHERE message_id = $1 AND kind = $2`, [
    messageId,
    kind,
  ])) as Array<{ n: number }>;
  return rows[0]?.n ?? 0;
}

/**
 * The content hashes of this mailbox's imports under a Message-ID: empty when none was
 * imported; a null hash is an import recorded before hashes were kept (taken as the same email).
 */
export async function mailboxImportHashes(
  db: Db,
  mailboxId: string,
  rfcMessageId: string,
): Promise<Array<string | null>> {
  const rows = (await db.query(
    `SELECT content_hash FROM mailbox_imports WHERE mailbox_id = $1 AND rfc_message_id = $2 LIMIT 50`,
    [mailboxId, rfcMessageId],
  )) as Array<{ content_hash: string | null }>;
  return rows.map((row) => row.content_hash);
}

/** True when this import key (IMAP UIDVALIDITY and UID, or provider message id) is recorded as imported. */
export async function mailboxImportClaimed(db: Db, mailboxId: string, key: ImportKey): Promise<boolean> {
  const rows = (await db.query(`SELECT 1 FROM mailbox_imports WHERE mailbox_id = $1 AND source_key = $2`, [
    mailboxId,
    importKeyText(key),
  ])) as unknown[];
  return rows.length > 0;
}

/** Counts one more failed attempt at importing a message; answers how many there were. */
export async function noteMailboxImportFailure(
  db: Db,
  failure: { mailboxId: string; tenantId: string; key: ImportKey; error: string },
): Promise<number> {
  const imap = 'uid' in failure.key ? failure.key : null;
  const rows = (await db.query(
    `INSERT INTO mailbox_import_failures (mailbox_id, tenant_id, source_key, uid_validity, uid, attempts, last_error)
     VALUES ($1, $2, $3, $4, $5, 1, $6)
     ON CONFLICT (mailbox_id, source_key)
       DO UPDATE SET attempts = mailbox_import_failures.attempts + 1, last_error = $6, last_failed_at = now()
     RETURNING attempts`,
    [
      failure.mailboxId,
      failure.tenantId,
      importKeyText(failure.key),
      imap?.uidValidity ?? null,
      imap?.uid ?? null,
      failure.error.slice(0, 2000),
    ],
  )) as Array<{ attempts: number }>;
  return rows[0]!.attempts;
}
