import type { DataSource } from 'typeorm';
import { ReplyTriageSchema, TRIAGE_MAX_TEXT, type ReplyTriage } from '@cadenza/core';
import type { ReplyTriager } from '@cadenza/services/ai';
import { readingSummary } from './reply-reading-summary';
import { addTimelineEntry, systemPrincipal } from './timeline-entry';

/**
 * The worker's reply triager (services/src/ai/reply-triage: the local classifier or the vendor
 * model), or null when this worker has none: the run then follows the flow's rules as before.
 */
export type ReplyTriagerSource = () => Promise<ReplyTriager | null>;

export interface ReadReplyInput {
  tenantId: string;
  /** The email of this run the reply answers (the inbound event's messageId). */
  messageId: string;
  eventKind: 'reply' | 'auto_reply';
}

/** A reading, or why there is none (the run then follows the flow's rules as before triage). */
export type ReadReplyResult =
  { triage: ReplyTriage; receivedAt: string } | { unread: 'no_triager' | 'no_reply' | 'empty_text' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoredEvent {
  id: string;
  contact_id: string | null;
  subject: string | null;
  data: { text?: unknown; subject?: unknown; triage?: unknown };
  occurred_at: Date;
}

/**
 * Reads the latest reply (or automatic reply) to one of the run's emails, once: the verdict is
 * stored on the message event (`data.triage`) with a timeline entry, and a second call (a retry,
 * a replay, the triage_reply step after the run already read it) answers the stored verdict
 * without asking the model again. Tenant-scoped: another workspace's message is "no_reply".
 */
export async function readReply(
  db: DataSource,
  triager: ReplyTriagerSource,
  input: ReadReplyInput,
): Promise<ReadReplyResult> {
  const event = await latestEvent(db, input);
  if (!event) return { unread: 'no_reply' };
  const receivedAt = event.occurred_at.toISOString();
  const stored = ReplyTriageSchema.safeParse(event.data.triage);
  if (stored.success) return { triage: stored.data, receivedAt };
  const text = typeof event.data.text === 'string' ? event.data.text.trim() : '';
  if (!text) return { unread: 'empty_text' };
  const reader = await triager();
  if (!reader) return { unread: 'no_triager' };
  const subject = typeof event.data.subject === 'string' ? event.data.subject : (event.subject ?? undefined);
  const triage = await reader.triage({
    text: text.slice(0, TRIAGE_MAX_TEXT),
    subject: subject?.slice(0, 998),
    receivedAt,
  });
  return db.transaction(async (manager) => {
    // Only the first reading is kept: a concurrent attempt that lost keeps the winner's.
    const [written] = (await manager.query(
      `UPDATE message_events SET data = data || jsonb_build_object('triage', $3::jsonb)
       WHERE id = $1 AND tenant_id = $2 AND NOT (data ? 'triage') RETURNING id`,
      [event.id, input.tenantId, JSON.stringify(triage)],
    )) as unknown[];
    if (!written) {
      const again = await latestEvent(manager, input);
      return { triage: ReplyTriageSchema.parse(again?.data.triage), receivedAt };
    }
    if (event.contact_id)
      await addTimelineEntry(manager, systemPrincipal(input.tenantId), event.contact_id, {
        kind: 'ai_action',
        summary: readingSummary(triage, input.eventKind),
        data: { messageId: input.messageId, triage },
      });
    return { triage, receivedAt };
  });
}

async function latestEvent(db: Pick<DataSource, 'query'>, input: ReadReplyInput): Promise<StoredEvent | undefined> {
  // A signal may name a message that is not ours (an API caller's own id): nothing to read.
  if (!UUID.test(input.messageId)) return undefined;
  const [row] = (await db.query(
    `SELECT e.id::text AS id, m.contact_id, m.subject, e.data, e.occurred_at
     FROM message_events e JOIN messages m ON m.id = e.message_id AND m.tenant_id = e.tenant_id
     WHERE e.tenant_id = $1 AND e.message_id = $2 AND e.kind = $3
     ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1`,
    [input.tenantId, input.messageId, input.eventKind],
  )) as StoredEvent[];
  return row;
}
