import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, type FlowRun, type RunStatus, type StepRun, type StepStatus } from '@cadenza/core';
import { appendDomainEvents } from '../events';

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
 * Writes the run row and its step rows in one transaction, with a run event for live
 * views. Idempotent: a replayed or retried report rewrites the same rows.
 */
export async function saveRunProjection(
  manager: EntityManager,
  run: RunProjection,
  steps: StepProjection[],
): Promise<void> {
  const [previous] = (await manager.query(`SELECT status, current_node_id FROM flow_runs WHERE enrollment_id = $1`, [
    run.enrollmentId,
  ])) as Array<{ status: RunStatus; current_node_id: string | null }>;
  await manager.query(
    `INSERT INTO flow_runs (enrollment_id, tenant_id, workflow_id, flow_id, flow_version, contact_id, status,
       current_node_id, exit_reason, test_mode, started_at, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (enrollment_id) DO UPDATE SET status = EXCLUDED.status, current_node_id = EXCLUDED.current_node_id,
       exit_reason = EXCLUDED.exit_reason, ended_at = EXCLUDED.ended_at
     WHERE flow_runs.ended_at IS NULL OR EXCLUDED.ended_at IS NOT NULL`,
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
    ],
  );
  for (const step of steps) {
    await manager.query(
      `INSERT INTO flow_step_runs (enrollment_id, tenant_id, node_id, node_type, visit, status, output, result, error, started_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (enrollment_id, node_id, visit) DO UPDATE SET status = EXCLUDED.status, output = EXCLUDED.output,
         result = EXCLUDED.result, error = EXCLUDED.error, ended_at = EXCLUDED.ended_at`,
      [
        run.enrollmentId,
        run.tenantId,
        step.nodeId,
        step.nodeType,
        step.visit,
        step.status,
        step.output,
        step.result === undefined ? null : JSON.stringify(step.result),
        step.error ?? null,
        step.startedAt,
        step.endedAt,
      ],
    );
  }
  if (!previous || previous.status !== run.status || previous.current_node_id !== run.currentNodeId) {
    await appendDomainEvents(manager, run.tenantId, [
      {
        type: previous ? (FINAL.includes(run.status) ? 'run.ended' : 'run.moved') : 'run.started',
        subject: 'run',
        subjectId: run.enrollmentId,
        payload: { flowId: run.flowId, contactId: run.contactId, status: run.status, nodeId: run.currentNodeId },
        actor: { kind: 'workflow', id: run.workflowId },
      },
    ]);
  }
}

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
});

export interface RunFilter {
  flowId?: string;
  contactId?: string;
  status?: RunStatus;
  nodeId?: string;
  limit?: number;
}

export async function listRuns(db: DataSource, tenantId: string, filter: RunFilter): Promise<FlowRun[]> {
  const rows = (await db.query(
    `SELECT * FROM flow_runs WHERE tenant_id = $1
       AND ($2::uuid IS NULL OR flow_id = $2) AND ($3::text IS NULL OR contact_id = $3)
       AND ($4::text IS NULL OR status = $4) AND ($5::text IS NULL OR current_node_id = $5)
     ORDER BY started_at DESC LIMIT $6`,
    [
      tenantId,
      filter.flowId ?? null,
      filter.contactId ?? null,
      filter.status ?? null,
      filter.nodeId ?? null,
      filter.limit ?? 100,
    ],
  )) as RunRow[];
  return rows.map(toRun);
}

export async function getRun(
  db: DataSource,
  tenantId: string,
  enrollmentId: string,
): Promise<FlowRun & { steps: StepRun[] }> {
  if (!/^[0-9a-f-]{36}$/i.test(enrollmentId)) throw new NotFoundError('run', enrollmentId);
  const [row] = (await db.query(`SELECT * FROM flow_runs WHERE tenant_id = $1 AND enrollment_id = $2`, [
    tenantId,
    enrollmentId,
  ])) as RunRow[];
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
  db: DataSource,
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
