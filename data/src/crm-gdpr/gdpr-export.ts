import type { Page } from '@cadenza/core';
import { getContact } from '../crm/contacts';
import { listTimeline } from '../crm/timeline';
import { listNotes } from '../crm/notes';
import { listTasks } from '../crm/tasks';
import { listDeals } from '../crm/deals';
import { listAuditLog } from '../crm/audit-log';
import { managerOf, type Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';

/** Every page of a cursor-paged list. */
async function allPages<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * Everything the workspace holds about one contact (a data subject access request): its
 * fields, timeline, notes, tasks, deals, the audit trail of the contact and of its notes,
 * and the flow runs it was enrolled in.
 */
export async function exportContactData(db: Db, principal: CrmPrincipal, contactId: string) {
  const contact = await getContact(db, principal, contactId);
  const limit = 200;
  const [timeline, notes, tasks, deals, contactAudit] = await Promise.all([
    allPages((cursor) => listTimeline(db, principal, contactId, { limit, cursor })),
    allPages((cursor) => listNotes(db, principal, { limit, cursor, contactId })),
    allPages((cursor) => listTasks(db, principal, { limit, cursor, contactId })),
    allPages((cursor) => listDeals(db, principal, { limit, cursor, contactId })),
    allPages((cursor) => listAuditLog(db, principal, { limit, cursor, entity: 'contact', entityId: contactId })),
  ]);
  const noteAudit = await Promise.all(
    notes.map((note) =>
      allPages((cursor) => listAuditLog(db, principal, { limit, cursor, entity: 'note', entityId: note.id })),
    ),
  );
  const flowRuns = (await managerOf(db).query(
    `SELECT r.enrollment_id AS "enrollmentId", r.workflow_id AS "workflowId", r.flow_id AS "flowId",
       f.name AS "flowName", r.flow_version AS "flowVersion", r.status, r.current_node_id AS "currentNodeId",
       r.exit_reason AS "exitReason", r.started_at AS "startedAt", r.ended_at AS "endedAt"
     FROM flow_runs r LEFT JOIN flows f ON f.id = r.flow_id
     WHERE r.tenant_id = $1 AND r.contact_id = $2 ORDER BY r.started_at`,
    [principal.tenantId, contactId],
  )) as Array<Record<string, unknown>>;
  return {
    exportedAt: new Date().toISOString(),
    contact,
    timeline,
    notes,
    tasks,
    deals,
    auditLog: [...contactAudit, ...noteAudit.flat()].sort((a, b) => Number(a.id) - Number(b.id)),
    flowRuns,
  };
}
