import type { EntityManager } from 'typeorm';
import { NewDomainEventSchema, type DomainEvent, type NewDomainEvent } from '@cadenza/core';
import { awaitSeqsAtCommit, unnumberedEvent } from './seq-at-commit';

interface EventRow {
  id: string;
  tenant_id: string;
  seq: string;
  type: string;
  subject: DomainEvent['subject'];
  subject_id: string;
  payload: Record<string, unknown>;
  actor: DomainEvent['actor'];
  occurred_at: Date;
}

/** A row's fields as an event, without its seq. */
const eventFields = (row: EventRow): Omit<DomainEvent, 'seq'> => ({
  tenantId: row.tenant_id,
  type: row.type,
  subject: row.subject,
  subjectId: row.subject_id,
  payload: row.payload,
  actor: row.actor,
  occurredAt: row.occurred_at.toISOString(),
});

const toEvent = (row: EventRow): DomainEvent => ({ ...eventFields(row), seq: Number(row.seq) });

/** PostgreSQL NOTIFY channel announcing each committed append as `tenantId:fromSeq:toSeq`. */
export const EVENT_NOTIFY_CHANNEL = 'cadenza_domain_events';

/**
 * Writes events to a tenant's log in the transaction of the change they record, so the
 * change and its events commit together or not at all. Writing takes no lock: the rows are
 * numbered just after the commit (EventSeqSubscriber calls number_domain_events, see
 * DomainEventCommitSeq1764300800000), in batches, so a tenant's writers never queue behind
 * each other's transactions or commits. The numbering NOTIFYs the range for the event relay.
 */
export async function recordDomainEvents(
  manager: EntityManager,
  tenantId: string,
  events: NewDomainEvent[],
  alongside?: AlongsideStatement,
): Promise<void> {
  const rows = await insertEvents(manager, tenantId, events, alongside);
  if (rows.length > 0) {
    awaitSeqsAtCommit(
      manager.queryRunner!,
      tenantId,
      rows.map((row) => ({ id: row.id })),
    );
  }
}

/**
 * Like recordDomainEvents, and returns the events: their `seq` is filled in once the
 * transaction has committed and its events are numbered (on the same connection, before
 * the transaction call returns), so read it after commit; reading it earlier throws. For
 * callers that need the seqs (commitAndPublish); others call recordDomainEvents.
 */
export async function appendDomainEvents(
  manager: EntityManager,
  tenantId: string,
  events: NewDomainEvent[],
): Promise<DomainEvent[]> {
  const rows = await insertEvents(manager, tenantId, events);
  const appended = rows.map((row) => unnumberedEvent(eventFields(row)));
  if (rows.length > 0) {
    awaitSeqsAtCommit(
      manager.queryRunner!,
      tenantId,
      rows.map((row, i) => ({ id: row.id, event: appended[i]! })),
    );
  }
  return appended;
}

/**
 * Another data-modifying statement of the same transaction (the audit rows of a CRM write)
 * that goes to PostgreSQL with the events' insert, as a CTE of it: one round trip for both.
 * `sql` is given the number of its first parameter; the events' own come first.
 */
export interface AlongsideStatement {
  sql: (firstParameter: number) => string;
  parameters: unknown[];
}

async function insertEvents(
  manager: EntityManager,
  tenantId: string,
  events: NewDomainEvent[],
  alongside?: AlongsideStatement,
): Promise<EventRow[]> {
  if (events.length === 0) {
    if (alongside) await manager.query(alongside.sql(1), alongside.parameters);
    return [];
  }
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('domain events must be written inside the transaction of the change they record');
  }
  const parsed = events.map((event) => NewDomainEventSchema.parse(event));
  // Insert order (the identity id) is the order a transaction's events are numbered in.
  const rows = (await manager.query(
    `${alongside ? `WITH alongside AS (${alongside.sql(3)}) ` : ''}INSERT INTO domain_events (tenant_id, type, subject, subject_id, payload, actor)
     SELECT $1, e.type, e.subject, e.subject_id, e.payload, e.actor
     FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (type text, subject text, subject_id text, payload jsonb, actor jsonb))
       WITH ORDINALITY AS e(type, subject, subject_id, payload, actor, ord)
     ORDER BY e.ord
     RETURNING id, tenant_id, type, subject, subject_id, payload, actor, occurred_at`,
    [
      tenantId,
      JSON.stringify(
        parsed.map((event) => ({
          type: event.type,
          subject: event.subject,
          subject_id: event.subjectId,
          payload: event.payload,
          actor: event.actor,
        })),
      ),
      ...(alongside?.parameters ?? []),
    ],
  )) as EventRow[];
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
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
