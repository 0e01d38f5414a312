import { EntityManager, type DataSource } from 'typeorm';
import {
  NotFoundError,
  type FlowRun,
  type Page,
  type Principal,
  type RunStatus,
  type StepRun,
  type StepStatus,
} from '@cadenza/core';
import { contactVisibleCondition } from '../crm/crm-principal';
import { SqlParams } from '../crm/sql-params';
import { keysetClause, toPage, type KeysetOrder } from '../crm/keyset-page';
import { awaitSeqsAtCommit, numberDomainEvents } from '../events/seq-at-commit';

/** A run's state as the workflow reports it; upserted, so the report order does not matter. */
export interface RunProjection {
  enrollmentId: string;
  tenantId: string;
  workflowId: string;
  flowId: string;
  flowVersion: number;
  contactId: string;
  testMode: boolean;
  status: RunStatus;
  currentNodeId: string | null;
  exitReason?: string | null;
  startedAt: string;
  endedAt?: string | null;
  /** Reply triage rests the run until then (ISO), for this reason; null when it does not. */
  restingUntil?: string | null;
  restReason?: 'out_of_office' | 'not_now' | null;
}

export interface StepProjection {
  nodeId: string;
  nodeType: string;
  visit: number;
  status: StepStatus;
  output: string | null;
  result?: unknown;
  error?: string | null;
  startedAt: string;
  endedAt: string | null;
}

const FINAL: RunStatus[] = ['completed', 'unenrolled', 'cancelled'];

/**
 * Writes the run row, its step rows and its run events (for live views) in one statement,
 * then numbers the events (see `events` below for which). Idempotent: a replayed or retried
 * report rewrites the same rows and adds no event. Data-modifying CTEs see the snapshot
 * from before the statement, so `previous` is the state before this report. One statement
 * is atomic without a transaction around it, so a report costs two round trips (statement
 * and numbering) whatever the number of steps it carries; a crash between the two leaves
 * the events to the event relay's sweep, as after any commit.
 */
export async function saveRunProjection(
  db: DataSource | EntityManager,
  run: RunProjection,
  steps: StepProjection[],
): Promise<void> {
  const event = {
    payload: { flowId: run.flowId, contactId: run.contactId, status: run.status, nodeId: run.currentNodeId },
    actor: { kind: 'workflow', id: run.workflowId },
  };
  const [written] = (await db.query(
    `WITH previous AS (
       SELECT status, current_node_id FROM flow_runs WHERE enrollment_id = $1
     ),
     run AS (
       INSERT INTO flow_runs (enrollment_id, tenant_id, workflow_id, flow_id, flow_version, contact_id, status,
         current_node_id, exit_reason, test_mode, started_at, ended_at, resting_until, rest_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $17, $18)
       ON CONFLICT (enrollment_id) DO UPDATE SET status = EXCLUDED.status, current_node_id = EXCLUDED.current_node_id,
         exit_reason = EXCLUDED.exit_reason, ended_at = EXCLUDED.ended_at, resting_until = EXCLUDED.resting_until,
         rest_reason = EXCLUDED.rest_reason
       WHERE flow_runs.ended_at IS NULL OR EXCLUDED.ended_at IS NOT NULL
       RETURNING 1
     ),
     steps AS (
       INSERT INTO flow_step_runs (enrollment_id, tenant_id, node_id, node_type, visit, status, output, result, error,
         started_at, ended_at)
       SELECT $1, $2, s.node_id, s.node_type, s.visit, s.status, s.output, s.result::jsonb, s.error, s.started_at, s.ended_at
       FROM jsonb_to_recordset($13::jsonb) AS s(node_id text, node_type text, visit int, status text, output text,
         result text, error text, started_at timestamptz, ended_at timestamptz)
       ON CONFLICT (enrollment_id, node_id, visit) DO UPDATE SET status = EXCLUDED.status, output = EXCLUDED.output,
         result = EXCLUDED.result, error = EXCLUDED.error, ended_at = EXCLUDED.ended_at
       RETURNING 1
     ),
     events AS (
       -- A run seen for the first time starts; one whose first report is already its end (all
       -- its steps ran in one workflow task) starts and ends, in that order, so live views never
       -- see a run end that never started. Then each change of status or node moves or ends it;
       -- a report that changes nothing, or that the run row ignored (late, after the end), says nothing.
       INSERT INTO domain_events (tenant_id, type, subject, subject_id, payload, actor)
       SELECT $2, e.type, 'run', $1, $14::jsonb, $15::jsonb
       FROM (VALUES (1, 'run.started'), (2, 'run.moved'), (3, 'run.ended')) AS e(ord, type)
         LEFT JOIN previous ON true
       WHERE EXISTS (SELECT 1 FROM run) AND CASE
         WHEN previous.status IS NULL THEN e.type = 'run.started' OR (e.type = 'run.ended' AND $16)
         WHEN previous.status = $7 AND previous.current_node_id IS NOT DISTINCT FROM $8 THEN false
         ELSE e.type = CASE WHEN $16 THEN 'run.ended' ELSE 'run.moved' END
       END
       ORDER BY e.ord
       RETURNING id
     )
     SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM events), '{}') AS event_ids`,
    [
      run.enrollmentId,
      run.tenantId,
      run.workflowId,
      run.flowId,
      run.flowVersion,
      run.contactId,
      run.status,
      run.currentNodeId,
      run.exitReason ?? null,
      run.testMode,
      run.startedAt,
      run.endedAt ?? null,
      JSON.stringify(lastReportPerStep(steps).map(toStepRecord)),
      JSON.stringify(event.payload),
      JSON.stringify(event.actor),
      FINAL.includes(run.status),
      run.restingUntil ?? null,
      run.restReason ?? null,
    ],
  )) as Array<{ event_ids: string[] }>;
  const ids = written?.event_ids ?? [];
  if (ids.length === 0) return;
  // Inside a caller's transaction the events are numbered when it commits, like any others.
  const transaction = db instanceof EntityManager ? db.queryRunner : undefined;
  if (transaction?.isTransactionActive)
    awaitSeqsAtCommit(
      transaction,
      run.tenantId,
      ids.map((id) => ({ id })),
    );
  else await numberDomainEvents(db, run.tenantId, ids);
}

/** One INSERT cannot touch a row twice: of two reports of the same step visit, the later one wins (as it did when written one by one). */
function lastReportPerStep(steps: StepProjection[]): StepProjection[] {
  const byVisit = new Map<string, StepProjection>();
  for (const step of steps) {
    const key = `${step.nodeId}\u0000${step.visit}`;
    byVisit.delete(key);
    byVisit.set(key, step);
  }
  return [...byVisit.values()];
}

const toStepRecord = (step: StepProjection) => ({
  node_id: step.nodeId,
  node_type: step.nodeType,
  visit: step.visit,
  status: step.status,
  output: step.output,
  // Text, cast to jsonb in SQL: an undefined result stays SQL NULL, a null one JSON null.
  result: step.result === undefined ? null : JSON.stringify(step.result),
  error: step.error ?? null,
  started_at: step.startedAt,
  ended_at: step.endedAt,
});

interface RunRow {
  enrollment_id: string;
  workflow_id: string;
  flow_id: string;
  flow_version: number;
  contact_id: string;
  status: RunStatus;
  current_node_id: string | null;
  exit_reason: string | null;
  test_mode: boolean;
  started_at: Date;
  ended_at: Date | null;
  resting_until: Date | null;
  rest_reason: 'out_of_office' | 'not_now' | null;
}

const toRun = (row: RunRow): FlowRun => ({
  enrollmentId: row.enrollment_id,
  workflowId: row.workflow_id,
  flowId: row.flow_id,
  flowVersion: row.flow_version,
  contactId: row.contact_id,
  status: row.status,
  currentNodeId: row.current_node_id,
  exitReason: row.exit_reason,
  testMode: row.test_mode,
  startedAt: row.started_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
  restingUntil: row.resting_until?.toISOString() ?? null,
  restReason: row.rest_reason ?? null,
});

export interface RunFilter {
  flowId?: string;
  contactId?: string;
  status?: RunStatus;
  nodeId?: string;
  limit?: number;
  /** The nextCursor of the previous page. */
  cursor?: string;
}

/** Newest first; the enrollment id breaks ties between runs started in the same microsecond. */
const RUN_ORDER: KeysetOrder = {
  name: 'startedAt:desc',
  expression: 'r.started_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 'r.enrollment_id',
};

/** One page of the runs the caller may see, newest first, with the cursor of the next page. */
export async function listRuns(db: DataSource, principal: Principal, filter: RunFilter): Promise<Page<FlowRun>> {
  const params = new SqlParams([principal.tenantId]);
  const where = ['r.tenant_id = $1'];
  if (filter.flowId) where.push(`r.flow_id = ${params.add(filter.flowId)}::uuid`);
  if (filter.contactId) where.push(`r.contact_id = ${params.add(filter.contactId)}`);
  if (filter.status) where.push(`r.status = ${params.add(filter.status)}`);
  if (filter.nodeId) where.push(`r.current_node_id = ${params.add(filter.nodeId)}`);
  const visible = visibleRun(principal, params);
  if (visible) where.push(visible);
  const limit = filter.limit ?? 100;
  const keyset = keysetClause(RUN_ORDER, params, filter.cursor, limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await db.query(
    `SELECT r.*, r.started_at::text AS sort_key, r.enrollment_id AS id FROM flow_runs r
     WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<RunRow & { sort_key: string; id: string }>;
  return toPage(rows, RUN_ORDER, limit, toRun);
}

/** A run is visible exactly when its contact is (sales reps: their own contacts' runs). */
const visibleRun = (principal: Principal, params: SqlParams) =>
  contactVisibleCondition(
    principal,
    { tenantId: 'r.tenant_id', contactId: 'r.contact_id', contactIdType: 'text' },
    params,
  );

/**
 * A run with its steps. The API passes the caller, whose ownership rule applies (another
 * rep's run is not found); workers and tests pass a tenant id and read any run of it.
 */
export async function getRun(
  db: DataSource,
  reader: Principal | string,
  enrollmentId: string,
): Promise<FlowRun & { steps: StepRun[] }> {
  if (!/^[0-9a-f-]{36}$/i.test(enrollmentId)) throw new NotFoundError('run', enrollmentId);
  const tenantId = typeof reader === 'string' ? reader : reader.tenantId;
  const params = new SqlParams([tenantId, enrollmentId]);
  const visible = typeof reader === 'string' ? null : visibleRun(reader, params);
  const [row] = (await db.query(
    `SELECT r.* FROM flow_runs r WHERE r.tenant_id = $1 AND r.enrollment_id = $2${visible ? ` AND ${visible}` : ''}`,
    params.values,
  )) as RunRow[];
  if (!row) throw new NotFoundError('run', enrollmentId);
  const steps = (await db.query(
    `SELECT * FROM flow_step_runs WHERE tenant_id = $1 AND enrollment_id = $2 ORDER BY started_at, visit`,
    [tenantId, enrollmentId],
  )) as Array<{
    node_id: string;
    node_type: string;
    visit: number;
    status: StepStatus;
    output: string | null;
    result: unknown;
    error: string | null;
    started_at: Date;
    ended_at: Date | null;
  }>;
  return {
    ...toRun(row),
    steps: steps.map((step) => ({
      nodeId: step.node_id,
      nodeType: step.node_type,
      visit: step.visit,
      status: step.status,
      output: step.output,
      result: step.result,
      error: step.error,
      startedAt: step.started_at.toISOString(),
      endedAt: step.ended_at?.toISOString() ?? null,
    })),
  };
}

/** Open runs of a flow, for archive (cancel each) and the designer's live counts. */
export async function countOpenRunsByNode(
  db: DataSource | EntityManager,
  tenantId: string,
  flowId: string,
): Promise<Record<string, number>> {
  const rows = (await db.query(
    `SELECT current_node_id, count(*)::int AS n FROM flow_runs
     WHERE tenant_id = $1 AND flow_id = $2 AND ended_at IS NULL AND NOT test_mode GROUP BY current_node_id`,
    [tenantId, flowId],
  )) as Array<{ current_node_id: string | null; n: number }>;
  return Object.fromEntries(rows.map((row) => [row.current_node_id ?? 'start', row.n]));
}

export async function listOpenRunWorkflowIds(db: DataSource, tenantId: string, flowId: string): Promise<string[]> {
  const rows = (await db.query(
    `SELECT workflow_id FROM flow_runs WHERE tenant_id = $1 AND flow_id = $2 AND ended_at IS NULL`,
    [tenantId, flowId],
  )) as Array<{ workflow_id: string }>;
  return rows.map((row) => row.workflow_id);
}
