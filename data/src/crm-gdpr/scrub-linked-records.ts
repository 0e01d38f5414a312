import type { EntityManager } from 'typeorm';
import { queryRows } from '../crm/crm-write';
import { scrubJson, scrubText } from './identifier-scrub';

export interface LinkedRecordScrub {
  /** Tasks and deals of the contact whose title or name named it, scrubbed. */
  tasks: number;
  deals: number;
  /** Audit entries of those tasks and deals whose before/after named it, scrubbed. */
  auditEntries: number;
}

/**
 * Tasks and deals outlive the contact (they are the team's work and pipeline), but their text
 * often names it: "Call Ada Lovelace", a flow's "Follow up with {{contact.firstName}}". Before
 * they lose the link, every identifier of the contact is scrubbed from their title or name and
 * from their audit entries, and nothing else changes.
 */
export async function scrubLinkedRecords(
  manager: EntityManager,
  tenantId: string,
  contactId: string,
  identifiers: readonly string[],
): Promise<LinkedRecordScrub> {
  const rewrite = async (table: 'tasks' | 'deals', column: 'title' | 'name') => {
    const rows = await queryRows<{ id: string; text: string }>(
      manager,
      `SELECT id, ${column} AS text FROM ${table} WHERE tenant_id = $1 AND contact_id = $2`,
      [tenantId, contactId],
    );
    const changed = rows
      .map((row) => ({ id: row.id, text: scrubText(row.text, identifiers) }))
      .filter((row, i) => row.text !== rows[i]!.text);
    if (changed.length > 0) {
      await manager.query(
        `UPDATE ${table} t SET ${column} = c.text FROM unnest($2::uuid[], $3::text[]) AS c(id, text)
         WHERE t.tenant_id = $1 AND t.id = c.id`,
        [tenantId, changed.map((row) => row.id), changed.map((row) => row.text)],
      );
    }
    return { ids: rows.map((row) => row.id), changed: changed.length };
  };
  const tasks = await rewrite('tasks', 'title');
  const deals = await rewrite('deals', 'name');

  const entries = await queryRows<{ id: string; before: unknown; after: unknown }>(
    manager,
    `SELECT id::text, before, after FROM audit_log
     WHERE tenant_id = $1 AND ((entity = 'task' AND entity_id = ANY($2::text[]))
       OR (entity = 'deal' AND entity_id = ANY($3::text[])))`,
    [tenantId, tasks.ids, deals.ids],
  );
  // SQL NULL stays NULL (not the JSON null a stringified null would become).
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const scrubbed = entries.flatMap((entry) => {
    const before = json(scrubJson(entry.before, identifiers));
    const after = json(scrubJson(entry.after, identifiers));
    return before === json(entry.before) && after === json(entry.after) ? [] : [{ id: entry.id, before, after }];
  });
  if (scrubbed.length > 0) {
    await manager.query(
      `UPDATE audit_log a SET before = s.before::jsonb, after = s.after::jsonb
       FROM unnest($2::bigint[], $3::text[], $4::text[]) AS s(id, before, after)
       WHERE a.tenant_id = $1 AND a.id = s.id`,
      [tenantId, scrubbed.map((e) => e.id), scrubbed.map((e) => e.before), scrubbed.map((e) => e.after)],
    );
  }
  return { tasks: tasks.changed, deals: deals.changed, auditEntries: scrubbed.length };
}
