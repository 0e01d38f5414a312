import type { DataSource, EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  UserError,
  statusAfter,
  type DraftFacts,
  type DraftReview,
  type Actor,
  type AgentDecision,
  type AgentDraft,
  type Approval,
  type ApprovalListQuery,
  type Page,
} from '@cadenza/core';
import { crmWrite, managerOf, type Db } from '../crm/crm-write';
import type { CrmPrincipal } from '../crm/crm-principal';
import { keysetClause, toPage, type KeysetOrder } from '../crm/keyset-page';
import { SqlParams } from '../crm/sql-params';
import { refuseFailingDraft } from './refuse-failing-draft';

const ORDER: KeysetOrder = {
  name: 'createdAt:desc',
  expression: 'a.created_at',
  cast: 'timestamptz',
  direction: 'desc',
  idExpression: 'a.id',
};

interface ApprovalRow {
  id: string;
  tenant_id: string;
  key: string;
  status: Approval['status'];
  enrollment_id: string;
  workflow_id: string;
  node_id: string;
  test_mode: boolean;
  flow_id: string;
  flow_name: string | null;
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  subject: string;
  body: string;
  sent_subject: string | null;
  sent_body: string | null;
  context: Record<string, unknown>;
  draft_review: DraftReview | null;
  draft_facts: DraftFacts | null;
  reason: string | null;
  decided_by_kind: Actor['kind'] | null;
  decided_by_id: string | null;
  created_at: Date;
  expires_at: Date | null;
  decided_at: Date | null;
  sort_key: string;
}

const SELECT = `SELECT a.*, a.created_at::text AS sort_key, f.name AS flow_name, c.first_name, c.last_name, c.email
  FROM ai_approvals a
  LEFT JOIN flows f ON f.id = a.flow_id AND f.tenant_id = a.tenant_id
  LEFT JOIN contacts c ON c.id = a.contact_id AND c.tenant_id = a.tenant_id`;

/** A proposed tool call waits with its call in the context (see the agent's tool loop); a draft has none. */
const toolCallOf = (context: Record<string, unknown>): Approval['toolCall'] => {
  const call = context.toolCall as Approval['toolCall'] | undefined;
  return call && typeof call.tool === 'string' ? call : null;
};

const toApproval = (row: ApprovalRow): Approval => ({
  id: row.id,
  status: row.status,
  enrollmentId: row.enrollment_id,
  workflowId: row.workflow_id,
  nodeId: row.node_id,
  testMode: row.test_mode,
  flow: { id: row.flow_id, name: row.flow_name ?? '(deleted flow)' },
  contact: {
    id: row.contact_id,
    name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email || row.contact_id,
    email: row.email,
  },
  draft: { subject: row.subject, body: row.body },
  toolCall: toolCallOf(row.context),
  review: row.draft_review,
  sent: row.sent_subject !== null && row.sent_body !== null ? { subject: row.sent_subject, body: row.sent_body } : null,
  context: row.context,
  reason: row.reason,
  decidedBy: row.decided_by_kind ? { kind: row.decided_by_kind, id: row.decided_by_id } : null,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  decidedAt: row.decided_at?.toISOString() ?? null,
});

/** Flows act on the tenant as a whole; the actor names the run. */
const runPrincipal = (tenantId: string, enrollmentId: string): CrmPrincipal => ({
  tenantId,
  userId: null,
  role: 'admin',
  via: 'api_key',
  actor: { kind: 'workflow', id: enrollmentId },
});

export interface PendingApproval {
  tenantId: string;
  key: string;
  enrollmentId: string;
  workflowId: string;
  flowId: string;
  nodeId: string;
  contactId: string;
  testMode: boolean;
  draft: AgentDraft;
  /** The quality gate's review and the facts it checked against (null from a chain that predates the gate). */
  check: { review: DraftReview; facts: DraftFacts } | null;
  context: Record<string, unknown>;
  expiresAt: Date | null;
  /** The timeline's line; omitted: "AI agent drafted <subject> for approval". */
  timelineSummary?: string;
}

/**
 * Puts a draft in the approvals inbox, once per step key (a retried activity finds its row),
 * with the timeline entry and the event that makes open inboxes show it, in one transaction.
 */
export async function recordPendingApproval(db: DataSource, pending: PendingApproval): Promise<string> {
  return crmWrite(db, runPrincipal(pending.tenantId, pending.enrollmentId), async (write) => {
    const inserted = (await write.manager.query(
      `INSERT INTO ai_approvals (tenant_id, key, enrollment_id, workflow_id, flow_id, node_id, contact_id, test_mode,
         subject, body, context, expires_at, draft_review, draft_facts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13::jsonb, $14::jsonb)
       ON CONFLICT (key) DO NOTHING RETURNING id`,
      [
        pending.tenantId,
        pending.key,
        pending.enrollmentId,
        pending.workflowId,
        pending.flowId,
        pending.nodeId,
        pending.contactId,
        pending.testMode,
        pending.draft.subject,
        pending.draft.body,
        JSON.stringify(pending.context),
        pending.expiresAt,
        pending.check ? JSON.stringify(pending.check.review) : null,
        pending.check ? JSON.stringify(pending.check.facts) : null,
      ],
    )) as Array<{ id: string }>;
    if (inserted.length === 0) {
      const [existing] = (await write.manager.query(`SELECT id FROM ai_approvals WHERE key = $1`, [
        pending.key,
      ])) as Array<{ id: string }>;
      return existing!.id;
    }
    const id = inserted[0]!.id;
    await write.timeline(pending.contactId, {
      kind: 'ai_action',
      summary: pending.timelineSummary ?? `AI agent drafted "${pending.draft.subject.slice(0, 120)}" for approval`,
      data: { approvalId: id, enrollmentId: pending.enrollmentId, nodeId: pending.nodeId },
    });
    write.event('approval.requested', 'approval', id, {
      contactId: pending.contactId,
      flowId: pending.flowId,
      enrollmentId: pending.enrollmentId,
    });
    return id;
  });
}

/** A tenant's drafts in one status, newest first. */
export async function listApprovals(db: Db, tenantId: string, query: ApprovalListQuery): Promise<Page<Approval>> {
  const params = new SqlParams([tenantId, query.status]);
  const keyset = keysetClause(ORDER, params, query.cursor, query.limit);
  const rows = (await managerOf(db).query(
    `${SELECT} WHERE a.tenant_id = $1 AND a.status = $2 ${keyset.where ? `AND ${keyset.where}` : ''} ${keyset.orderLimit}`,
    params.values,
  )) as ApprovalRow[];
  return toPage(rows, ORDER, query.limit, toApproval);
}

async function findRow(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<ApprovalRow> {
  const [row] = (await manager.query(
    `${SELECT} WHERE a.tenant_id = $1 AND a.id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
    [tenantId, id],
  )) as ApprovalRow[];
  if (!row) throw new NotFoundError('approval', id);
  return row;
}

export async function getApproval(db: Db, tenantId: string, id: string): Promise<Approval> {
  return toApproval(await findRow(managerOf(db), tenantId, id));
}

const TIMELINE_SUMMARY: Record<AgentDecision['action'], string> = {
  approve: 'approved the AI draft',
  edit: 'edited and approved the AI draft',
  reject: 'rejected the AI draft',
  timeout: 'AI draft expired without a decision',
  cancelled: 'AI draft withdrawn: the run stopped',
};

/** Who decided, as the timeline names them: the user by name (or email), else what kind of caller. */
async function deciderName(manager: EntityManager, actor: { kind: string; id: string | null }): Promise<string> {
  if (actor.kind === 'workflow') return 'The run';
  if (actor.kind !== 'user' || !actor.id) return 'An API key';
  const [user] = (await manager.query(`SELECT coalesce(name, email) AS name FROM users WHERE id::text = $1`, [
    actor.id,
  ])) as Array<{ name: string }>;
  return user?.name ?? 'A user';
}

/** Writes a decision on a locked pending row: status, the text to send, timeline, audit and event. */
async function applyDecision(
  write: Parameters<Parameters<typeof crmWrite>[2]>[0],
  row: ApprovalRow,
  decision: AgentDecision,
): Promise<Approval> {
  const actor = write.principal.actor ?? {
    kind: write.principal.userId ? ('user' as const) : ('api_key' as const),
    id: write.principal.userId,
  };
  const sent =
    decision.action === 'edit'
      ? decision.draft
      : decision.action === 'approve'
        ? { subject: row.subject, body: row.body }
        : null;
  const [updated] = (await write.manager.query(
    `UPDATE ai_approvals SET status = $3, sent_subject = $4, sent_body = $5, reason = $6,
       decided_by_kind = $7, decided_by_id = $8, decided_at = now()
     WHERE tenant_id = $1 AND id = $2 RETURNING decided_at`,
    [
      row.tenant_id,
      row.id,
      statusAfter(decision),
      sent?.subject ?? null,
      sent?.body ?? null,
      decision.action === 'reject' ? (decision.reason ?? null) : null,
      actor.kind,
      actor.id,
    ],
  )) as [Array<{ decided_at: Date }>, number];
  const after: Approval = {
    ...toApproval(row),
    status: statusAfter(decision),
    sent,
    reason: decision.action === 'reject' ? (decision.reason ?? null) : null,
    decidedBy: actor,
    decidedAt: (updated?.[0]?.decided_at ?? new Date()).toISOString(),
  };
  const who = await deciderName(write.manager, actor);
  const summary = TIMELINE_SUMMARY[decision.action];
  await write.timeline(row.contact_id, {
    kind: 'ai_action',
    summary: decision.action === 'timeout' || decision.action === 'cancelled' ? summary : `${who} ${summary}`,
    data: { approvalId: row.id, decision: decision.action, ...(after.reason ? { reason: after.reason } : {}) },
  });
  write.audit(
    'update',
    'approval',
    row.id,
    { status: row.status, subject: row.subject, body: row.body },
    { status: after.status, ...(sent ?? {}), ...(after.reason ? { reason: after.reason } : {}) },
  );
  write.event('approval.decided', 'approval', row.id, {
    status: after.status,
    contactId: row.contact_id,
    enrollmentId: row.enrollment_id,
  });
  return after;
}

/**
 * A human's decision. The row is locked and must still be pending (a second click is a 409);
 * `deliver` tells the waiting run before commit, so a run that cannot be told leaves nothing decided.
 */
export async function decideApproval(
  db: DataSource,
  principal: CrmPrincipal,
  id: string,
  decision: Extract<AgentDecision, { action: 'approve' | 'edit' | 'reject' }>,
  deliver: (approval: Approval & { key: string }) => Promise<void>,
): Promise<Approval> {
  return crmWrite(db, principal, async (write) => {
    const row = await findRow(write.manager, principal.tenantId, id, true);
    if (row.status !== 'pending')
      throw new ConflictError(`approval ${id} is already ${row.status}`, { status: row.status });
    if (decision.action === 'edit' && toolCallOf(row.context))
      throw new UserError('tool_call_not_editable', `approval ${id} is a proposed tool call: approve or reject it`);
    refuseFailingDraft(row, decision);
    const decided = await applyDecision(write, row, decision);
    await deliver({ ...decided, key: row.key });
    return decided;
  });
}

/**
 * The run's side of a decision (or the API's, for a run that has gone): marks the row decided when it is still pending (a timeout,
 * a stopped run, or a decision whose signal arrived but whose commit did not). A no-op otherwise.
 */
export async function settleApproval(
  db: DataSource,
  tenantId: string,
  which: { key: string } | { id: string },
  decision: AgentDecision,
  decidedBy: Actor,
): Promise<void> {
  const principal: CrmPrincipal = { ...runPrincipal(tenantId, ''), actor: decidedBy };
  await crmWrite(db, principal, async (write) => {
    const [column, value] = 'key' in which ? ['key', which.key] : ['id', which.id];
    const [row] = (await write.manager.query(`${SELECT} WHERE a.${column} = $1 AND a.tenant_id = $2 FOR UPDATE OF a`, [
      value,
      tenantId,
    ])) as ApprovalRow[];
    if (!row || row.status !== 'pending') return;
    await applyDecision(write, row, decision);
  });
}
