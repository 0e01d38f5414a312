import {
  FUNNEL_METRICS,
  fillDailySeries,
  type AnalyticsRangeQuery,
  type FlowFunnel,
  type FunnelCounts,
  type StepFunnel,
} from '@cadenza/core';
import type { Db } from '../crm/crm-write';
import { countOpenRunsByNode } from '../flows/runs-repository';
import { dayOf, inRange, rangeOf } from './analytics-range';
import { flowNodesFor } from './flow-nodes';

// Parameters every query here shares: $1 tenant, $2 flow, $3 from, $4 to, $5 time zone.
const IN = (column: string) => inRange(column, '$3', '$4', '$5');

/** The flow's real runs (test runs are the author trying it out, not contacts). */
const RUNS = `runs AS (
  SELECT enrollment_id, started_at, ended_at, status, exit_reason FROM flow_runs
  WHERE tenant_id = $1 AND flow_id = $2 AND NOT test_mode)`;

/** The messages those runs sent, each with the step that sent it (its idempotency key names the visit). */
const MESSAGES = `msgs AS (
  SELECT m.status, m.sent_at, m.opened_at, m.clicked_at, m.replied_at, s.node_id
  FROM messages m
  JOIN runs r ON r.enrollment_id = m.enrollment_id
  LEFT JOIN flow_step_runs s ON s.enrollment_id = m.enrollment_id
    AND m.idempotency_key = s.enrollment_id::text || ':' || s.node_id || ':' || s.visit
  WHERE m.tenant_id = $1)`;

/** A run reaches a goal once, however many goal nodes it passes. */
const GOALS = `goals AS (
  SELECT DISTINCT ON (s.enrollment_id) s.enrollment_id, s.node_id, s.started_at
  FROM flow_step_runs s JOIN runs r ON r.enrollment_id = s.enrollment_id
  WHERE s.tenant_id = $1 AND s.node_type = 'goal'
  ORDER BY s.enrollment_id, s.started_at)`;

const DELIVERED = `status NOT IN ('bounced', 'failed')`;

/**
 * Events of the flow as (day, metric) counts. Every metric counts an event on the day it
 * happened (a run enrolled, a message sent, first opened, ...), so the daily series add
 * up to the totals.
 */
const DAILY_SQL = `WITH ${RUNS}, ${MESSAGES}, ${GOALS}
  SELECT ${dayOf('e.at', '$5')} AS day, e.metric, count(*)::int AS count FROM (
    SELECT started_at AS at, 'enrolled' AS metric FROM runs
    UNION ALL SELECT sent_at, 'sent' FROM msgs WHERE sent_at IS NOT NULL
    UNION ALL SELECT sent_at, 'delivered' FROM msgs WHERE sent_at IS NOT NULL AND ${DELIVERED}
    UNION ALL SELECT opened_at, 'opened' FROM msgs WHERE opened_at IS NOT NULL
    UNION ALL SELECT clicked_at, 'clicked' FROM msgs WHERE clicked_at IS NOT NULL
    UNION ALL SELECT replied_at, 'replied' FROM msgs WHERE replied_at IS NOT NULL
    UNION ALL SELECT started_at, 'goalReached' FROM goals
    UNION ALL SELECT ended_at, 'unenrolled' FROM runs WHERE status = 'unenrolled' AND ended_at IS NOT NULL
  ) e
  WHERE ${IN('e.at')}
  GROUP BY 1, 2`;

/** "goal_met: Booked a call" and "goal_met: Replied" are one reason; the detail stays in the run. */
const REASONS_SQL = `WITH ${RUNS}
  SELECT split_part(coalesce(exit_reason, 'unknown'), ':', 1) AS reason, count(*)::int AS count
  FROM runs WHERE status = 'unenrolled' AND ${IN('ended_at')}
  GROUP BY 1 ORDER BY 2 DESC, 1`;

const STEPS_SQL = `WITH ${RUNS}
  SELECT s.node_id, min(s.node_type) AS node_type, count(*)::int AS entered,
    count(*) FILTER (WHERE s.status IN ('completed', 'captured'))::int AS completed,
    count(*) FILTER (WHERE s.status = 'failed')::int AS failed
  FROM flow_step_runs s JOIN runs r ON r.enrollment_id = s.enrollment_id
  WHERE s.tenant_id = $1 AND ${IN('s.started_at')}
  GROUP BY s.node_id`;

const STEP_MESSAGES_SQL = `WITH ${RUNS}, ${MESSAGES}, ${GOALS}
  SELECT node_id,
    count(*) FILTER (WHERE metric = 'sent')::int AS sent,
    count(*) FILTER (WHERE metric = 'delivered')::int AS delivered,
    count(*) FILTER (WHERE metric = 'opened')::int AS opened,
    count(*) FILTER (WHERE metric = 'clicked')::int AS clicked,
    count(*) FILTER (WHERE metric = 'replied')::int AS replied,
    count(*) FILTER (WHERE metric = 'goalReached')::int AS goal_reached
  FROM (
    SELECT node_id, sent_at AS at, 'sent' AS metric FROM msgs WHERE sent_at IS NOT NULL
    UNION ALL SELECT node_id, sent_at, 'delivered' FROM msgs WHERE sent_at IS NOT NULL AND ${DELIVERED}
    UNION ALL SELECT node_id, opened_at, 'opened' FROM msgs WHERE opened_at IS NOT NULL
    UNION ALL SELECT node_id, clicked_at, 'clicked' FROM msgs WHERE clicked_at IS NOT NULL
    UNION ALL SELECT node_id, replied_at, 'replied' FROM msgs WHERE replied_at IS NOT NULL
    UNION ALL SELECT node_id, started_at, 'goalReached' FROM goals
  ) e
  WHERE node_id IS NOT NULL AND ${IN('e.at')}
  GROUP BY node_id`;

interface StepRow {
  node_id: string;
  node_type: string;
  entered: number;
  completed: number;
  failed: number;
}

interface StepMessageRow {
  node_id: string;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  goal_reached: number;
}

const ZERO_STEP = {
  entered: 0,
  completed: 0,
  failed: 0,
  waiting: 0,
  sent: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  replied: 0,
  goalReached: 0,
};

/** A flow's funnel over a range of days: totals, a daily series, reasons for leaving, and per step. */
export async function flowFunnel(
  db: Db,
  tenantId: string,
  flowId: string,
  query: AnalyticsRangeQuery,
): Promise<FlowFunnel> {
  const flow = await flowNodesFor(db, tenantId, flowId);
  const range = await rangeOf(db, query);
  const params = [tenantId, flowId, range.from, range.to, range.timezone];
  const [daily, reasons, steps, stepMessages, waiting] = await Promise.all([
    db.query(DAILY_SQL, params) as Promise<Array<{ day: string; metric: string; count: number }>>,
    db.query(REASONS_SQL, params) as Promise<Array<{ reason: string; count: number }>>,
    db.query(STEPS_SQL, params) as Promise<StepRow[]>,
    db.query(STEP_MESSAGES_SQL, params) as Promise<StepMessageRow[]>,
    countOpenRunsByNode(db, tenantId, flowId),
  ]);
  const series = fillDailySeries(range.days, FUNNEL_METRICS, daily);
  const totals = Object.fromEntries(
    FUNNEL_METRICS.map((metric) => [metric, series.reduce((sum, day) => sum + day[metric], 0)]),
  ) as FunnelCounts;
  return {
    flowId,
    flowName: flow.name,
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    totals,
    daily: series,
    unenrolledByReason: reasons,
    steps: mergeSteps(flow.nodes, steps, stepMessages, waiting),
  };
}

/** Every node of the current definition (zeros included), then nodes only older versions had. */
function mergeSteps(
  nodes: Array<{ id: string; type: string; label: string | null }>,
  steps: StepRow[],
  messages: StepMessageRow[],
  waitingByNode: Record<string, number>,
): StepFunnel[] {
  const byNode = new Map<string, StepFunnel>();
  for (const node of nodes) {
    byNode.set(node.id, { nodeId: node.id, nodeType: node.type, label: node.label, ...ZERO_STEP });
  }
  const entry = (nodeId: string, nodeType: string) => {
    let step = byNode.get(nodeId);
    if (!step) byNode.set(nodeId, (step = { nodeId, nodeType, label: null, ...ZERO_STEP }));
    return step;
  };
  for (const row of steps) {
    Object.assign(entry(row.node_id, row.node_type), {
      entered: row.entered,
      completed: row.completed,
      failed: row.failed,
    });
  }
  // A step row is written when the step ends, so a run resting at a step is read where the
  // designer's badge reads it: the open run's current node.
  for (const [nodeId, count] of Object.entries(waitingByNode)) {
    if (nodeId !== 'start') entry(nodeId, 'unknown').waiting = count;
  }
  for (const row of messages) {
    Object.assign(entry(row.node_id, 'unknown'), {
      sent: row.sent,
      delivered: row.delivered,
      opened: row.opened,
      clicked: row.clicked,
      replied: row.replied,
      goalReached: row.goal_reached,
    });
  }
  return [...byNode.values()];
}
