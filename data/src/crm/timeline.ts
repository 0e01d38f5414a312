import {
  TimelineEntryCreateSchema,
  type Page,
  type TimelineEntry,
  type TimelineEntryCreate,
  type TimelineQuery,
} from '@cadenza/core';
import { requireContact } from './contacts';
import { crmWrite, managerOf, type Db } from './crm-write';
import type { CrmPrincipal } from './crm-principal';
import { keysetClause, toPage, type KeysetOrder } from './keyset-page';
import { SqlParams } from './sql-params';

const ORDER: KeysetOrder = {
  name: 'occurredAt:desc',
  expression: 't.occurred_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 't.id',
};

interface TimelineSqlRow {
  id: string;
  contact_id: string;
  kind: TimelineEntry['kind'];
  summary: string;
  data: Record<string, unknown>;
  actor_kind: TimelineEntry['actor']['kind'];
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: Date;
  sort_key: string;
}

/** Who did it, by name, when a user did (the timeline keeps the id; a renamed user shows the new name). */
const ACTOR_NAME = `(SELECT coalesce(u.name, u.email) FROM users u
  WHERE t.actor_kind = 'user' AND u.id::text = t.actor_id) AS actor_name`;

const toEntry = (row: TimelineSqlRow): TimelineEntry => ({
  id: row.id,
  contactId: row.contact_id,
  kind: row.kind,
  summary: row.summary,
  data: row.data,
  actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
  occurredAt: row.occurred_at.toISOString(),
});

/** A contact's timeline, newest first. */
export async function listTimeline(
  db: Db,
  principal: CrmPrincipal,
  contactId: string,
  query: TimelineQuery,
): Promise<Page<TimelineEntry>> {
  const manager = managerOf(db);
  await requireContact(manager, principal, contactId);
  const params = new SqlParams([principal.tenantId, contactId]);
  const keyset = keysetClause(ORDER, params, query.cursor, query.limit);
  const rows = (await manager.query(
    `SELECT t.*, t.occurred_at::text AS sort_key, ${ACTOR_NAME} FROM timeline_entries t
     WHERE t.tenant_id = $1 AND t.contact_id = $2 ${keyset.where ? `AND ${keyset.where}` : ''} ${keyset.orderLimit}`,
    params.values,
  )) as TimelineSqlRow[];
  return toPage(rows, ORDER, query.limit, toEntry);
}

/** Adds an entry to a contact's timeline: what the flow engine calls for sends, opens, replies, AI actions. */
export async function appendTimelineEntry(
  db: Db,
  principal: CrmPrincipal,
  contactId: string,
  entry: TimelineEntryCreate,
): Promise<TimelineEntry> {
  const parsed = TimelineEntryCreateSchema.parse(entry);
  return crmWrite(db, principal, async (write) => {
    await requireContact(write.manager, principal, contactId);
    const id = await write.timeline(contactId, parsed);
    const rows = (await write.manager.query(
      `SELECT t.*, '' AS sort_key, ${ACTOR_NAME} FROM timeline_entries t WHERE t.tenant_id = $1 AND t.id = $2`,
      [principal.tenantId, id],
    )) as TimelineSqlRow[];
    return toEntry(rows[0]!);
  });
}
