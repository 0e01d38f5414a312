import type { LeadOutcome, Principal, ScoringModel } from '@cadenza/core';
import type { LeadRecord } from '@cadenza/core/scoring';
import type { LabelledLead, TrainedLeadModel } from '@cadenza/core/scoring';
import { managerOf, type Db } from '../crm/crm-write';
import { ownerCondition } from '../crm/crm-principal';
import { SqlParams } from '../crm/sql-params';

/** A stored version with what scoring needs. */
export type StoredLeadModel = ScoringModel & Pick<TrainedLeadModel, 'standardiser' | 'weights'>;

interface ModelRow {
  version: number;
  outcome: LeadOutcome;
  features: string[];
  standardiser: TrainedLeadModel['standardiser'];
  weights: TrainedLeadModel['weights'];
  metrics: TrainedLeadModel['metrics'];
  training_samples: number;
  holdout_samples: number;
  positives: number;
  negatives: number;
  trained_by: string;
  trained_at: Date;
}

const toModel = (row: ModelRow): StoredLeadModel => ({
  version: row.version,
  outcome: row.outcome,
  features: row.features,
  standardiser: row.standardiser,
  weights: row.weights,
  metrics: row.metrics,
  samples: {
    training: row.training_samples,
    holdout: row.holdout_samples,
    positives: row.positives,
    negatives: row.negatives,
  },
  trainedAt: row.trained_at.toISOString(),
  trainedBy: row.trained_by,
});

/** Stores a trained model as the tenant's next version, in one transaction. */
export async function saveLeadModel(
  db: Db,
  tenantId: string,
  model: TrainedLeadModel,
  trainedBy: string,
): Promise<StoredLeadModel> {
  return managerOf(db).transaction(async (manager) => {
    // Two trainings at once (the API and the Schedule) must not take the same version number.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('lead_scoring_models:' || $1))`, [tenantId]);
    const [row] = (await manager.query(
      `INSERT INTO lead_scoring_models (tenant_id, version, outcome, features, standardiser, weights, metrics,
         training_samples, holdout_samples, positives, negatives, trained_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
       FROM lead_scoring_models WHERE tenant_id = $1
       RETURNING *`,
      [
        tenantId,
        model.outcome,
        JSON.stringify(model.features),
        JSON.stringify(model.standardiser),
        JSON.stringify(model.weights),
        JSON.stringify(model.metrics),
        model.samples.training,
        model.samples.holdout,
        model.samples.positives,
        model.samples.negatives,
        trainedBy,
      ],
    )) as ModelRow[];
    return toModel(row!);
  });
}

export async function latestLeadModel(db: Db, tenantId: string): Promise<StoredLeadModel | null> {
  const [row] = (await managerOf(db).query(
    `SELECT * FROM lead_scoring_models WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1`,
    [tenantId],
  )) as ModelRow[];
  return row ? toModel(row) : null;
}

/** Every version, newest first, without weights. */
export async function listLeadModels(db: Db, tenantId: string): Promise<ScoringModel[]> {
  const rows = (await managerOf(db).query(
    `SELECT * FROM lead_scoring_models WHERE tenant_id = $1 ORDER BY version DESC`,
    [tenantId],
  )) as ModelRow[];
  return rows.map((row) => {
    const { standardiser: _s, weights: _w, ...model } = toModel(row);
    return model;
  });
}

interface LeadRow {
  id: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  has_company: boolean;
  lifecycle_stage: string | null;
  lead_status: string | null;
  tags: string[];
  created_at: Date;
  sent: string;
  opens: string;
  clicks: string;
  replies: string;
  last_sent: Date | null;
  won: boolean;
  lost: boolean;
}

/** Contacts joined to their email engagement (messages are per tenant; contact_id is stored as text). */
const LEAD_SELECT = `
  SELECT c.id, c.title, c.email, c.phone, c.company_id IS NOT NULL AS has_company, c.lifecycle_stage,
         c.lead_status, c.tags, c.created_at,
         coalesce(e.sent, 0) AS sent, coalesce(e.opens, 0) AS opens, coalesce(e.clicks, 0) AS clicks,
         coalesce(e.replies, 0) AS replies, e.last_sent,
         coalesce(d.won, false) AS won, coalesce(d.lost, false) AS lost
  FROM contacts c
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE m.status NOT IN ('queued', 'failed', 'suppressed')) AS sent,
           count(m.opened_at) AS opens, count(m.clicked_at) AS clicks, count(m.replied_at) AS replies,
           max(coalesce(m.sent_at, m.created_at)) AS last_sent
    FROM messages m
    WHERE m.tenant_id = c.tenant_id AND m.contact_id = c.id::text AND m.channel = 'email'
  ) e ON true
  LEFT JOIN LATERAL (
    -- A deal counts as won in a stage of probability 100 and as lost in one of probability 0.
    SELECT bool_or(s.probability = 100) AS won, bool_or(s.probability = 0) AS lost
    FROM deals dl JOIN pipeline_stages s ON s.tenant_id = dl.tenant_id AND s.id = dl.stage_id
    WHERE dl.tenant_id = c.tenant_id AND dl.contact_id = c.id
  ) d ON true`;

const toLead = (row: LeadRow): LeadRecord => ({
  title: row.title,
  email: row.email,
  phone: row.phone,
  hasCompany: row.has_company,
  lifecycleStage: row.lifecycle_stage,
  leadStatus: row.lead_status,
  tags: row.tags,
  createdAt: row.created_at,
  emailsSent: Number(row.sent),
  opens: Number(row.opens),
  clicks: Number(row.clicks),
  replies: Number(row.replies),
});

/** Mail gets this long to be answered before "no reply" counts as an outcome. */
export const REPLY_WINDOW_DAYS = 3;

/**
 * The tenant's contacts with a known outcome: won vs lost deals (a contact with any won deal
 * is a win), or replied vs mailed-without-reply once the reply window has passed. Oldest first:
 * the model holds out every fifth sample, and ids are random, so ordering by id alone drew a
 * different holdout set each time the same contacts were loaded into a new tenant.
 */
export async function loadLabelledLeads(db: Db, tenantId: string, outcome: LeadOutcome): Promise<LabelledLead[]> {
  const rows = (await managerOf(db).query(`${LEAD_SELECT} WHERE c.tenant_id = $1 ORDER BY c.created_at, c.id`, [
    tenantId,
  ])) as LeadRow[];
  const cutoff = Date.now() - REPLY_WINDOW_DAYS * 86_400_000;
  const labelled: LabelledLead[] = [];
  for (const row of rows) {
    if (outcome === 'deal_won' && (row.won || row.lost)) labelled.push({ lead: toLead(row), label: row.won ? 1 : 0 });
    if (outcome === 'replied' && Number(row.sent) > 0) {
      if (Number(row.replies) > 0) labelled.push({ lead: toLead(row), label: 1 });
      else if (row.last_sent && row.last_sent.getTime() < cutoff) labelled.push({ lead: toLead(row), label: 0 });
    }
  }
  return labelled;
}

/**
 * The tenant's named contacts, keyed by id; with a principal, only those it may see (a sales
 * rep: their own). The flow engine passes none: a run acts for the whole tenant.
 */
export async function loadLeadRecords(
  db: Db,
  tenantId: string,
  contactIds: readonly string[],
  principal?: Principal,
): Promise<Map<string, LeadRecord>> {
  const params = new SqlParams([tenantId, contactIds]);
  const owner = principal ? ownerCondition(principal, 'c.owner_id', params) : null;
  const rows = (await managerOf(db).query(
    `${LEAD_SELECT} WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])${owner ? ` AND ${owner}` : ''}`,
    params.values,
  )) as LeadRow[];
  return new Map(rows.map((row) => [row.id, toLead(row)]));
}
