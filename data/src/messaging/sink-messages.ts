import type { Db } from '../crm/crm-write';

export interface SinkMessage {
  id: string;
  messageId: string | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
  subject: string | null;
  raw: string;
  receivedAt: string;
}

/** Stores what the sink received; a second copy of the same Message-ID (a resend) is ignored. */
export async function storeSinkMessage(
  db: Db,
  message: Omit<SinkMessage, 'id' | 'receivedAt'>,
): Promise<{ stored: boolean }> {
  const rows = (await db.query(
    `INSERT INTO smtp_sink_messages (message_id, envelope_from, envelope_to, subject, raw)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [message.messageId, message.envelopeFrom, message.envelopeTo, message.subject, message.raw],
  )) as unknown[];
  return { stored: rows.length > 0 };
}

export async function findSinkMessages(db: Db, messageId: string): Promise<SinkMessage[]> {
  const rows = (await db.query(
    `SELECT id::text, message_id, envelope_from, envelope_to, subject, raw, received_at
     FROM smtp_sink_messages WHERE message_id = $1 ORDER BY id`,
    [messageId],
  )) as Array<{
    id: string;
    message_id: string | null;
    envelope_from: string | null;
    envelope_to: string[];
    subject: string | null;
    raw: string;
    received_at: Date;
  }>;
  return rows.map((row) => ({
    id: row.id,
    messageId: row.message_id,
    envelopeFrom: row.envelope_from,
    envelopeTo: row.envelope_to,
    subject: row.subject,
    raw: row.raw,
    receivedAt: row.received_at.toISOString(),
  }));
}
