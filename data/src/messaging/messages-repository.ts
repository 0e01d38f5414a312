import type { EntityManager } from 'typeorm';
import {
  NotFoundError,
  type MessageChannel,
  type MessageDetail,
  type MessageProvider,
  type MessageStatus,
  type MessageView,
  type OutboxQuery,
  type Page,
  type Principal,
  type SenderSource,
} from '@cadenza/core';
import type { Db } from '../crm/crm-write';
import { keysetClause, toPage, type KeysetOrder } from '../crm/keyset-page';
import { contactVisibleCondition } from '../crm/crm-principal';
import { SqlParams } from '../crm/sql-params';
import { appendDomainEvents } from '../events';

interface MessageRow {
  id: string;
  tenant_id: string;
  idempotency_key: string;
  enrollment_id: string | null;
  contact_id: string | null;
  channel: MessageChannel;
  provider: MessageProvider;
  mailbox_id: string | null;
  provider_message_id: string | null;
  rfc_message_id: string | null;
  from_address: string | null;
  to_address: string;
  subject: string | null;
  html: string | null;
  text: string | null;
  status: MessageStatus;
  status_reason: string | null;
  sender_source: SenderSource | null;
  sender_fallback: string | null;
  created_at: Date;
  sent_at: Date | null;
  opened_at: Date | null;
  clicked_at: Date | null;
  replied_at: Date | null;
  bounced_at: Date | null;
}

export type StoredMessage = MessageRow;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const toView = (row: MessageRow): MessageView => ({
  id: row.id,
  channel: row.channel,
  provider: row.provider,
  status: row.status,
  statusReason: row.status_reason,
  sender: row.sender_source ? { source: row.sender_source, fallback: row.sender_fallback } : null,
  contactId: row.contact_id,
  enrollmentId: row.enrollment_id,
  from: row.from_address,
  to: row.to_address,
  subject: row.subject,
  text: row.text,
  rfcMessageId: row.rfc_message_id,
  providerMessageId: row.provider_message_id,
  createdAt: row.created_at.toISOString(),
  sentAt: iso(row.sent_at),
  openedAt: iso(row.opened_at),
  clickedAt: iso(row.clicked_at),
  repliedAt: iso(row.replied_at),
  bouncedAt: iso(row.bounced_at),
});

const VIEW_COLUMN_NAMES = [
  'id',
  'tenant_id',
  'idempotency_key',
  'enrollment_id',
  'contact_id',
  'channel',
  'provider',
  'mailbox_id',
  'provider_message_id',
  'rfc_message_id',
  'from_address',
  'to_address',
  'subject',
  'text',
  'status',
  'status_reason',
  'sender_source',
  'sender_fallback',
  'created_at',
  'sent_at',
  'opened_at',
  'clicked_at',
  'replied_at',
  'bounced_at',
];
const VIEW_COLUMNS = VIEW_COLUMN_NAMES.join(', ');
/** The same columns of the messages row aliased `m` (queries that join or filter through `m`). */
export const MESSAGE_COLUMNS_OF_M = VIEW_COLUMN_NAMES.map((column) => `m.${column}`).join(', ');

export interface NewMessage {
  /** Chosen by the caller when tracking links must name the message before it is stored. */
  id?: string;
  tenantId: string;
  idempotencyKey: string;
  enrollmentId: string | null;
  contactId: string | null;
  channel: MessageChannel;
  provider: MessageProvider;
  mailboxId: string | null;
  rfcMessageId: string | null;
  from: string | null;
  to: string;
  subject: string | null;
  html: string | null;
  text: string | null;
  raw: string | null;
  status: MessageStatus;
  statusReason?: string | null;
  /** How the sender was chosen (emails from a flow), and why that choice fell back, if it did. */
  senderSource?: SenderSource | null;
  senderFallback?: string | null;
}

/** Inserts the message row under its idempotency key; returns null when the key is already taken. */
export async function insertMessage(manager: EntityManager, message: NewMessage): Promise<string | null> {
  const rows = (await manager.query(
    `INSERT INTO messages (id, tenant_id, idempotency_key, enrollment_id, contact_id, channel, provider, mailbox_id,
       rfc_message_id, from_address, to_address, subject, html, text, raw, status, status_reason, sender_source,
       sender_fallback)
     VALUES (coalesce($17::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
       $18, $19)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      message.tenantId,
      message.idempotencyKey,
      message.enrollmentId,
      message.contactId,
      message.channel,
      message.provider,
      message.mailboxId,
      message.rfcMessageId,
      message.from,
      message.to,
      message.subject,
      message.html,
      message.text,
      message.raw,
      message.status,
      message.statusReason ?? null,
      message.id ?? null,
      message.senderSource ?? null,
      message.senderFallback ?? null,
    ],
  )) as Array<{ id: string }>;
  const id = rows[0]?.id ?? null;
  // The outbox and contact views update live; they fetch the message itself over REST.
  if (id) await appendDomainEvents(manager, message.tenantId, [messageEvent('message.created', id, message)]);
  return id;
}

const messageEvent = (
  type: string,
  id: string,
  message: { channel: MessageChannel; contactId: string | null; enrollmentId: string | null },
) => ({
  type,
  subject: 'message' as const,
  subjectId: id,
  payload: { channel: message.channel, contactId: message.contactId, runId: message.enrollmentId },
});

export async function findMessageByKey(db: Db, idempotencyKey: string): Promise<StoredMessage | null> {
  const rows = (await db.query(`SELECT ${VIEW_COLUMNS} FROM messages WHERE idempotency_key = $1`, [
    idempotencyKey,
  ])) as MessageRow[];
  return rows[0] ?? null;
}

export async function markMessageSent(
  manager: EntityManager,
  id: string,
  providerMessageId: string | null,
): Promise<void> {
  await manager.query(
    `UPDATE messages SET status = 'sent', provider_message_id = $2, sent_at = now(), updated_at = now() WHERE id = $1`,
    [id, providerMessageId],
  );
}

/** Any message by id for the public tracking routes (the signed token is the authority, not a tenant). */
export async function findMessageById(db: Db, id: string): Promise<StoredMessage | null> {
  const rows = (await db.query(`SELECT ${VIEW_COLUMNS} FROM messages WHERE id = $1`, [id])) as MessageRow[];
  return rows[0] ?? null;
}

/** The messages these RFC Message-IDs name (reply and bounce matching). */
export async function findMessagesByRfcIds(db: Db, rfcIds: string[]): Promise<StoredMessage[]> {
  if (rfcIds.length === 0) return [];
  return (await db.query(`SELECT ${VIEW_COLUMNS} FROM messages WHERE rfc_message_id = ANY($1::text[])`, [
    rfcIds,
  ])) as MessageRow[];
}

/** The outbox's order: newest first, the id breaking ties between messages of one instant. */
const OUTBOX_ORDER: KeysetOrder = {
  name: 'createdAt:desc',
  expression: 'm.created_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 'm.id',
};

/** A message is visible exactly when its contact is (sales reps: messages to their own contacts). */
const visibleMessage = (principal: Principal, params: SqlParams) =>
  contactVisibleCondition(
    principal,
    { tenantId: 'm.tenant_id', contactId: 'm.contact_id', contactIdType: 'text' },
    params,
  );

/** One page of the messages the principal may see, newest first; `cursor` continues after the previous page. */
export async function listMessages(db: Db, principal: Principal, query: OutboxQuery): Promise<Page<MessageView>> {
  const params = new SqlParams([principal.tenantId]);
  const where = ['m.tenant_id = $1'];
  if (query.channel) where.push(`m.channel = ${params.add(query.channel)}`);
  if (query.contactId) where.push(`m.contact_id = ${params.add(query.contactId)}`);
  if (query.before) where.push(`m.created_at < ${params.add(query.before)}::timestamptz`);
  const visible = visibleMessage(principal, params);
  if (visible) where.push(visible);
  const keyset = keysetClause(OUTBOX_ORDER, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await db.query(
    `SELECT ${MESSAGE_COLUMNS_OF_M}, m.created_at::text AS sort_key FROM messages m WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<MessageRow & { sort_key: string }>;
  return toPage(rows, OUTBOX_ORDER, query.limit, toView);
}

/** One message the principal may see (another rep's is not found, as its contact is not). */
export async function getMessage(
  db: Db,
  principal: Principal,
  id: string,
): Promise<MessageDetail & { raw: string | null }> {
  const params = new SqlParams([principal.tenantId, id]);
  const visible = visibleMessage(principal, params);
  const rows = (await db.query(
    `SELECT ${MESSAGE_COLUMNS_OF_M}, m.html, m.raw FROM messages m
     WHERE m.tenant_id = $1 AND m.id = $2::uuid${visible ? ` AND ${visible}` : ''}`,
    params.values,
  )) as Array<MessageRow & { raw: string | null }>;
  const row = rows[0];
  if (!row) throw new NotFoundError('message', id);
  return { ...toView(row), html: row.html, raw: row.raw };
}

export { toView as messageView };

/** How far along a message is: an event never moves it back (an open after a reply stays "replied"). */
const STATUS_RANK: Record<MessageStatus, number> = {
  queued: 0,
  failed: 0,
  suppressed: 0,
  sent: 1,
  delivered: 2,
  opened: 3,
  clicked: 4,
  replied: 5,
  bounced: 6,
};

/**
 * `auto_reply`: an out-of-office or other automatic answer, which is not the contact replying.
 * `soft_bounce`: a temporary delivery failure (4.x.x, delayed): recorded, the status unchanged.
 */
export type MessageEventKind = 'open' | 'click' | 'unsubscribe' | 'reply' | 'bounce' | 'auto_reply' | 'soft_bounce';

const EVENT_STATUS: Record<MessageEventKind, { status: MessageStatus | null; column: string | null }> = {
  open: { status: 'opened', column: 'opened_at' },
  click: { status: 'clicked', column: 'clicked_at' },
  reply: { status: 'replied', column: 'replied_at' },
  bounce: { status: 'bounced', column: 'bounced_at' },
  unsubscribe: { status: null, column: null },
  auto_reply: { status: null, column: null },
  soft_bounce: { status: null, column: null },
};

const EVENT_TYPE: Record<MessageEventKind, string> = {
  open: 'opened',
  click: 'clicked',
  reply: 'replied',
  bounce: 'bounced',
  unsubscribe: 'unsubscribed',
  auto_reply: 'auto_replied',
  soft_bounce: 'soft_bounced',
};

/**
 * Records an event on its message: the event row, the first-time timestamp, and the status
 * when the event moves it forward. Returns whether this was the first event of its kind.
 */
export async function recordMessageEvent(
  manager: EntityManager,
  message: StoredMessage,
  kind: MessageEventKind,
  data: Record<string, unknown>,
): Promise<{ first: boolean }> {
  const previous = (await manager.query(
    `SELECT count(*)::int AS n FROM message_events WHERE message_id = $1 AND kind = $2`,
    [message.id, kind],
  )) as Array<{ n: number }>;
  await manager.query(`INSERT INTO message_events (tenant_id, message_id, kind, data) VALUES ($1, $2, $3, $4::jsonb)`, [
    message.tenant_id,
    message.id,
    kind,
    JSON.stringify(data),
  ]);
  const { status, column } = EVENT_STATUS[kind];
  if (column) {
    await manager.query(
      `UPDATE messages SET ${column} = coalesce(${column}, now()), updated_at = now() WHERE id = $1`,
      [message.id],
    );
  }
  if (status && STATUS_RANK[status] > STATUS_RANK[message.status]) {
    await manager.query(`UPDATE messages SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1`, [
      message.id,
      status,
      kind === 'bounce' ? String(data.reason ?? 'bounced') : null,
    ]);
  }
  await appendDomainEvents(manager, message.tenant_id, [
    messageEvent(`message.${EVENT_TYPE[kind]}`, message.id, {
      channel: message.channel,
      contactId: message.contact_id,
      enrollmentId: message.enrollment_id,
    }),
  ]);
  return { first: previous[0]!.n === 0 };
}
