import type { DataSource, EntityManager } from 'typeorm';
import type { TriggerNode } from '@cadenza/core';

/** A published, non-draft flow and the trigger of its latest version. */
export interface TriggerFlow {
  tenantId: string;
  flowId: string;
  status: 'active' | 'paused' | 'archived';
  trigger: TriggerNode;
  /**
   * Seq of the event from which the flow listens: its latest activation, or its first
   * publish (which activates a draft). Events up to this seq predate the flow and never
   * enroll. Null when those events were pruned from the log.
   */
  armedSeq: number | null;
}

interface TriggerFlowRow {
  tenant_id: string;
  id: string;
  status: TriggerFlow['status'];
  trigger: TriggerNode;
  armed_seq: string | null;
}

const ARMED_SEQ = `greatest(
  (SELECT max(e.seq) FROM domain_events e WHERE e.tenant_id = f.tenant_id AND e.subject = 'flow'
     AND e.subject_id = f.id::text AND e.type = 'flow.active'),
  (SELECT min(e.seq) FROM domain_events e WHERE e.tenant_id = f.tenant_id AND e.subject = 'flow'
     AND e.subject_id = f.id::text AND e.type = 'flow.published'))`;

/** Flows whose latest version has one of these trigger types, optionally for one tenant or status. */
export async function listTriggerFlows(
  db: DataSource | EntityManager,
  filter: { triggerTypes: readonly string[]; tenantId?: string; statuses?: ReadonlyArray<TriggerFlow['status']> },
): Promise<TriggerFlow[]> {
  const rows = (await db.query(
    `SELECT f.tenant_id, f.id, f.status, v.definition->'trigger' AS trigger, ${ARMED_SEQ} AS armed_seq
     FROM flows f JOIN flow_versions v ON v.tenant_id = f.tenant_id AND v.flow_id = f.id AND v.version = f.latest_version
     WHERE ($1::uuid IS NULL OR f.tenant_id = $1) AND f.status = ANY($2) AND v.definition->'trigger'->>'type' = ANY($3)
     ORDER BY f.tenant_id, f.id`,
    [filter.tenantId ?? null, filter.statuses ?? ['active'], filter.triggerTypes],
  )) as TriggerFlowRow[];
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    flowId: row.id,
    status: row.status,
    trigger: row.trigger,
    armedSeq: row.armed_seq === null ? null : Number(row.armed_seq),
  }));
}
