import type { AnalyticsRangeQuery, RepActivity, RepActivityReport } from '@cadenza/core';
import type { Db } from '../crm/crm-write';
import { inRange, rangeOf } from './analytics-range';

const IN = (column: string) => inRange(column, '$2', '$3', '$4');

/**
 * What each user did in the range, as (user, metric) counts. Flows send the emails, so an
 * email counts for the owner of the contact it went to; everything else is the user's own
 * act, read from the rows that record who did it (tasks, notes, the audit log).
 */
const SQL = `
  SELECT user_id, metric, count(*)::int AS count FROM (
    SELECT c.owner_id::text AS user_id, 'emailsSent' AS metric
      FROM messages m JOIN contacts c ON c.tenant_id = m.tenant_id AND c.id::text = m.contact_id
      WHERE m.tenant_id = $1 AND m.channel = 'email' AND c.owner_id IS NOT NULL AND ${IN('m.sent_at')}
    UNION ALL SELECT c.owner_id::text, 'replies'
      FROM messages m JOIN contacts c ON c.tenant_id = m.tenant_id AND c.id::text = m.contact_id
      WHERE m.tenant_id = $1 AND c.owner_id IS NOT NULL AND ${IN('m.replied_at')}
    UNION ALL SELECT created_by_id, 'tasksCreated' FROM tasks
      WHERE tenant_id = $1 AND created_by_kind = 'user' AND created_by_id IS NOT NULL AND ${IN('created_at')}
    UNION ALL SELECT actor_id, 'tasksCompleted' FROM audit_log
      WHERE tenant_id = $1 AND entity = 'task' AND action = 'update' AND actor_kind = 'user' AND actor_id IS NOT NULL
        AND (after->>'done')::boolean AND NOT coalesce((before->>'done')::boolean, false) AND ${IN('at')}
    UNION ALL SELECT author_id, 'notes' FROM notes
      WHERE tenant_id = $1 AND author_kind = 'user' AND author_id IS NOT NULL AND ${IN('created_at')}
    UNION ALL SELECT actor_id, 'dealMoves' FROM audit_log
      WHERE tenant_id = $1 AND entity = 'deal' AND action = 'update' AND actor_kind = 'user' AND actor_id IS NOT NULL
        AND before->>'stageId' IS DISTINCT FROM after->>'stageId' AND ${IN('at')}
  ) e GROUP BY 1, 2`;

const METRICS = ['emailsSent', 'replies', 'tasksCreated', 'tasksCompleted', 'notes', 'dealMoves'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Activity per user of the tenant over a range of days, most active first. */
export async function repActivity(db: Db, tenantId: string, query: AnalyticsRangeQuery): Promise<RepActivityReport> {
  const range = await rangeOf(db, query);
  const rows = (await db.query(SQL, [tenantId, range.from, range.to, range.timezone])) as Array<{
    user_id: string;
    metric: (typeof METRICS)[number];
    count: number;
  }>;
  const reps = new Map<string, RepActivity>();
  for (const row of rows) {
    let rep = reps.get(row.user_id);
    if (!rep) {
      rep = {
        userId: row.user_id,
        name: null,
        email: null,
        ...Object.fromEntries(METRICS.map((m) => [m, 0])),
      } as RepActivity;
      reps.set(row.user_id, rep);
    }
    rep[row.metric] = row.count;
  }
  const ids = [...reps.keys()].filter((id) => UUID.test(id));
  // Users are global accounts; one removed from the workspace keeps their name on past work.
  const users = ids.length
    ? ((await db.query(`SELECT id::text, email, name FROM users WHERE id = ANY($1::uuid[])`, [ids])) as Array<{
        id: string;
        email: string;
        name: string | null;
      }>)
    : [];
  for (const user of users) Object.assign(reps.get(user.id)!, { email: user.email, name: user.name });
  const total = (rep: RepActivity) => METRICS.reduce((sum, metric) => sum + rep[metric], 0);
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    reps: [...reps.values()].sort((a, b) => total(b) - total(a) || a.userId.localeCompare(b.userId)),
  };
}
