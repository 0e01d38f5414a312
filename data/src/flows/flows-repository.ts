import type { DataSource, EntityManager } from 'typeorm';
import {
  assertFlowWithinLimits,
  ConflictError,
  ContactSchema,
  NotFoundError,
  UserError,
  validateFlowDefinition,
  withEgressChecks,
  withSenderChecks,
  type Flow,
  type FlowDefinition,
  type FlowVersion,
  type Principal,
  type EgressAllowList,
  type AuditAction,
} from '@cadenza/core';
import { recordAudit } from '../audit/record-audit';
import { auditContextOf } from '../audit/audit-context';
import { recordDomainEvents } from '../events';
import { withSendTemplateChecks } from '@cadenza/core/templates';
import { snippetBodies } from '../messaging/snippets-repository';
import { workspaceMailboxIds } from '../messaging/mailboxes-repository';
import { mailboxPoolIds } from '../messaging/mailbox-pools-repository';

interface FlowRow {
  id: string;
  name: string;
  kind: Flow['kind'];
  status: Flow['status'];
  draft: unknown;
  latest_version: number | null;
  archived_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const toFlow = (row: FlowRow): Flow => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  status: row.status,
  latestVersion: row.latest_version,
  draft: row.draft,
  archivedReason: row.archived_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** TypeORM answers UPDATE … RETURNING with [rows, affected]; INSERT and SELECT with rows. */
function updatedRow<T>(result: unknown): T | undefined {
  const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
  return (rows as T[])[0];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const actorOf = (principal: Principal) => ({
  kind: principal.via === 'api_key' ? ('api_key' as const) : ('user' as const),
  id: principal.userId,
});

/** Contact fields templates and conditions may name: the standard ones and the tenant's custom fields. */
export async function knownContactFields(db: DataSource | EntityManager, tenantId: string): Promise<string[]> {
  const custom = (await db.query(`SELECT key FROM custom_field_definitions WHERE tenant_id = $1`, [
    tenantId,
  ])) as Array<{
    key: string;
  }>;
  const standard = Object.keys(ContactSchema.shape).filter((field) => field !== 'customFields');
  return [...standard, ...custom.map(({ key }) => `custom.${key}`)];
}

/**
 * Validation as save and publish apply it, for the designer's live checks; over LIMITS it throws
 * a 413. Send templates are checked too (a variable no contact has would fail the step when it
 * runs), and an http_request to a literal internal address (127.0.0.1, 2130706433, localhost,
 * metadata) is refused naming the node, unless the deployment's egress allow list admits it.
 * A send_email's chosen mailbox or pool must be the workspace's (the error names sender.mailboxId
 * or sender.poolId).
 */
export async function validateFlowForTenant(
  db: DataSource | EntityManager,
  tenantId: string,
  definition: unknown,
  egressAllow: EgressAllowList,
) {
  assertFlowWithinLimits(definition);
  const knownFields = await knownContactFields(db, tenantId);
  const snippets = await snippetBodies(db, tenantId);
  const senders = {
    mailboxIds: new Set(await workspaceMailboxIds(db, tenantId)),
    poolIds: new Set(await mailboxPoolIds(db, tenantId)),
  };
  return withSenderChecks(
    withEgressChecks(
      withSendTemplateChecks(validateFlowDefinition(definition, { knownFields }), knownFields, snippets),
      egressAllow,
    ),
    senders,
  );
}

/** A saved draft must be valid; the designer shows these node-level errors. */
async function assertValidDefinition(
  db: DataSource | EntityManager,
  tenantId: string,
  definition: unknown,
  egressAllow: EgressAllowList,
): Promise<FlowDefinition> {
  const result = await validateFlowForTenant(db, tenantId, definition, egressAllow);
  if (!result.ok) {
    throw new UserError(
      'invalid_flow',
      `the flow definition has ${result.errors.length} error(s): ${result.errors[0]?.message}`,
      {
        errors: result.errors,
      },
    );
  }
  return result.definition;
}

async function lockFlow(manager: EntityManager, tenantId: string, flowId: string): Promise<FlowRow> {
  if (!UUID.test(flowId)) throw new NotFoundError('flow', flowId);
  const [row] = (await manager.query(`SELECT * FROM flows WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
    tenantId,
    flowId,
  ])) as FlowRow[];
  if (!row) throw new NotFoundError('flow', flowId);
  return row;
}

export async function createFlow(
  db: DataSource,
  principal: Principal,
  input: { name: string; kind: Flow['kind']; draft?: unknown },
  egressAllow: EgressAllowList,
): Promise<Flow> {
  if (input.draft !== undefined) await assertValidDefinition(db, principal.tenantId, input.draft, egressAllow);
  return db.transaction(async (manager) => {
    const [row] = (await manager.query(
      `INSERT INTO flows (tenant_id, name, kind, draft) VALUES ($1, $2, $3, $4) RETURNING *`,
      [principal.tenantId, input.name, input.kind, JSON.stringify(input.draft ?? {})],
    )) as FlowRow[];
    await recordDomainEvents(manager, principal.tenantId, [
      { type: 'flow.created', subject: 'flow', subjectId: row!.id, actor: actorOf(principal) },
    ]);
    return toFlow(row!);
  });
}

export async function listFlows(db: DataSource, tenantId: string): Promise<Array<Flow & { activeRuns: number }>> {
  const rows = (await db.query(
    `SELECT f.*, (SELECT count(*)::int FROM flow_runs r WHERE r.tenant_id = f.tenant_id AND r.flow_id = f.id
                   AND r.ended_at IS NULL AND NOT r.test_mode) AS active_runs
     FROM flows f WHERE f.tenant_id = $1 ORDER BY f.updated_at DESC LIMIT 500`,
    [tenantId],
  )) as Array<FlowRow & { active_runs: number }>;
  return rows.map((row) => ({ ...toFlow(row), activeRuns: row.active_runs }));
}

export async function getFlow(db: DataSource | EntityManager, tenantId: string, flowId: string): Promise<Flow> {
  if (!UUID.test(flowId)) throw new NotFoundError('flow', flowId);
  const [row] = (await db.query(`SELECT * FROM flows WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    flowId,
  ])) as FlowRow[];
  if (!row) throw new NotFoundError('flow', flowId);
  return toFlow(row);
}

export async function updateFlowDraft(
  db: DataSource,
  principal: Principal,
  flowId: string,
  input: { name?: string; draft?: unknown },
  egressAllow: EgressAllowList,
): Promise<Flow> {
  if (input.draft !== undefined) await assertValidDefinition(db, principal.tenantId, input.draft, egressAllow);
  return db.transaction(async (manager) => {
    const current = await lockFlow(manager, principal.tenantId, flowId);
    if (current.status === 'archived') throw new ConflictError('an archived flow cannot be edited');
    const row = updatedRow<FlowRow>(
      await manager.query(
        `UPDATE flows SET name = coalesce($3, name), draft = coalesce($4::jsonb, draft), updated_at = now()
         WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [
          principal.tenantId,
          flowId,
          input.name ?? null,
          input.draft === undefined ? null : JSON.stringify(input.draft),
        ],
      ),
    );
    await recordDomainEvents(manager, principal.tenantId, [
      { type: 'flow.updated', subject: 'flow', subjectId: flowId, actor: actorOf(principal) },
    ]);
    return toFlow(row!);
  });
}

/** Publishing freezes the current draft as the next version; runs already going keep theirs. */
export async function publishFlow(
  db: DataSource,
  principal: Principal,
  flowId: string,
  egressAllow: EgressAllowList,
): Promise<FlowVersion> {
  return db.transaction(async (manager) => {
    const current = await lockFlow(manager, principal.tenantId, flowId);
    if (current.status === 'archived') throw new ConflictError('an archived flow cannot be published');
    const definition = await assertValidDefinition(manager, principal.tenantId, current.draft, egressAllow);
    const version = (current.latest_version ?? 0) + 1;
    const [row] = (await manager.query(
      `INSERT INTO flow_versions (tenant_id, flow_id, version, definition) VALUES ($1, $2, $3, $4) RETURNING published_at`,
      [principal.tenantId, flowId, version, JSON.stringify(definition)],
    )) as Array<{ published_at: Date }>;
    await manager.query(
      `UPDATE flows SET latest_version = $3, status = CASE WHEN status = 'draft' THEN 'active' ELSE status END,
       updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [principal.tenantId, flowId, version],
    );
    await recordDomainEvents(manager, principal.tenantId, [
      { type: 'flow.published', subject: 'flow', subjectId: flowId, payload: { version }, actor: actorOf(principal) },
    ]);
    await recordAudit(manager, auditContextOf(principal), {
      action: 'publish',
      entity: 'flow',
      entityId: flowId,
      before: current.latest_version ? { version: current.latest_version } : null,
      after: { version },
    });
    return { flowId, version, definition, publishedAt: row!.published_at.toISOString() };
  });
}

export async function listFlowVersions(db: DataSource, tenantId: string, flowId: string): Promise<FlowVersion[]> {
  await getFlow(db, tenantId, flowId);
  const rows = (await db.query(
    `SELECT flow_id, version, definition, published_at FROM flow_versions WHERE tenant_id = $1 AND flow_id = $2 ORDER BY version DESC`,
    [tenantId, flowId],
  )) as Array<{ flow_id: string; version: number; definition: unknown; published_at: Date }>;
  return rows.map((row) => ({
    flowId: row.flow_id,
    version: row.version,
    definition: row.definition,
    publishedAt: row.published_at.toISOString(),
  }));
}

/** The version new enrollments take: the latest published one, or a specific one. */
export async function getFlowVersion(
  db: DataSource | EntityManager,
  tenantId: string,
  flowId: string,
  version?: number,
): Promise<{ flow: Flow; version: number; definition: FlowDefinition }> {
  const flow = await getFlow(db, tenantId, flowId);
  const wanted = version ?? flow.latestVersion;
  if (!wanted) throw new ConflictError(`flow ${flowId} has no published version yet: publish it first`);
  const [row] = (await db.query(
    `SELECT definition FROM flow_versions WHERE tenant_id = $1 AND flow_id = $2 AND version = $3`,
    [tenantId, flowId, wanted],
  )) as Array<{ definition: FlowDefinition }>;
  if (!row) throw new NotFoundError('flow version', `${flowId}@${wanted}`);
  return { flow, version: wanted, definition: row.definition };
}

/** The audited verb of each status a flow is moved to. */
const FLOW_STATUS_ACTIONS = { active: 'resume', paused: 'pause', archived: 'archive' } as const satisfies Record<
  'active' | 'paused' | 'archived',
  AuditAction
>;

/** Pause stops new enrollments (runs in flight go on); resume reopens them. */
export async function setFlowStatus(
  db: DataSource,
  principal: Principal,
  flowId: string,
  status: 'active' | 'paused' | 'archived',
  reason?: string,
): Promise<Flow> {
  return db.transaction(async (manager) => {
    const current = await lockFlow(manager, principal.tenantId, flowId);
    if (current.status === 'archived') throw new ConflictError('the flow is archived');
    if (status !== 'archived' && current.latest_version === null) {
      throw new ConflictError('publish the flow before activating or pausing it');
    }
    const row = updatedRow<FlowRow>(
      await manager.query(
        `UPDATE flows SET status = $3, archived_reason = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [principal.tenantId, flowId, status, status === 'archived' ? (reason ?? null) : null],
      ),
    );
    await recordDomainEvents(manager, principal.tenantId, [
      {
        type: `flow.${status}`,
        subject: 'flow',
        subjectId: flowId,
        payload: reason ? { reason } : {},
        actor: actorOf(principal),
      },
    ]);
    await recordAudit(manager, auditContextOf(principal), {
      action: FLOW_STATUS_ACTIONS[status],
      entity: 'flow',
      entityId: flowId,
      before: { status: current.status },
      after: reason && status === 'archived' ? { status, reason } : { status },
    });
    return toFlow(row!);
  });
}
