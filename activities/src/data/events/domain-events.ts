import type { EntityManager } from 'typeorm';
import { NewDomainEventSchema, type DomainEvent, type NewDomainEvent } from '@cadenza/core';

interface EventRow {
  tenant_id: string;
  seq: string;
  type: string;
  subject: DomainEvent['subject'];
  subject_id: string;
  payload: Record<string, unknown>;
  actor: DomainEvent['actor'];
  occurred_at: Date;
}

const toEvent = (row: EventRow): DomainEvent => ({
  tenantId: row.tenant_id,
  seq: Number(row.seq),
  type: row.type,
  subject: row.subject,
  subjectId: row.subject_id,
  payload: row.payload,
  actor: row.actor,
  occurredAt: row.occurred_at.toISOString(),
});

/**
 * Appends events to a tenant's log. Call it with the EntityManager of the transaction that
 * makes the change, so the change and its events commit together or not at all. Reserving
 * the seq range locks the tenant's counter row until commit, which orders commits by seq.
 */
/** PostgreSQL NOTIFY channel announcing each committed append as `tenantId:fromSeq:toSeq`. */
export const EVENT_NOTIFY_CHANNEL = 'cadenza_domain_events';

export async function appendDomainEvents(
  manager: EntityManager,
  tenantId: string,
  events: NewDomainEvent[],
): Promise<DomainEvent[]> {
  if (events.length === 0) return [];
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendDomainEvents must run inside the transaction of the change it records');
  }
  const parsed = events.map((event) => NewDomainEventSchema.parse(event));
  // One statement reserves the seq range and writes the rows: the counter row stays locked
  // until commit, and every round trip after taking it makes all of the tenant's writers wait.
  const rows = (await manager.query(
    `WITH counter AS (
       INSERT INTO tenant_event_sequences (tenant_id, last_seq) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET last_seq = tenant_event_sequences.last_seq + EXCLUDED.last_seq
       RETURNING last_seq
     ),
     -- Delivered at commit only (never for a rollback): the event relay's cue to publish.
     notified AS (
       SELECT pg_notify('${EVENT_NOTIFY_CHANNEL}', $1 || ':' || (counter.last_seq - $2 + 1) || ':' || counter.last_seq)
       FROM counter
     )
     INSERT INTO domain_events (tenant_id, seq, type, subject, subject_id, payload, actor)
     SELECT $1, counter.last_seq - $2 + e.ord, e.type, e.subject, e.subject_id, e.payload, e.actor
     FROM counter, notified, ROWS FROM (jsonb_to_recordset($3::jsonb) AS (type text, subject text, subject_id text, payload jsonb, actor jsonb))
       WITH ORDINALITY AS e(type, subject, subject_id, payload, actor, ord)
     RETURNING *`,
    [
      tenantId,
      parsed.length,
      JSON.stringify(
        parsed.map((event) => ({
          type: event.type,
          subject: event.subject,
          subject_id: event.subjectId,
          payload: event.payload,
          actor: event.actor,
        })),
      ),
    ],
  )) as EventRow[];
  return rows.map(toEvent).sort((a, b) => a.seq - b.seq);
}

/** A tenant's events after `afterSeq`, oldest first: what a reconnecting client replays. */
export async function listDomainEventsAfter(
  manager: EntityManager,
  tenantId: string,
  afterSeq: number,
  limit = 1000,
): Promise<DomainEvent[]> {
  const rows = (await manager.query(
    `SELECT * FROM domain_events WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [tenantId, afterSeq, limit],
  )) as EventRow[];
  return rows.map(toEvent);
}
