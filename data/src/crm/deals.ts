import type { EntityManager } from 'typeorm';
import {
  NotFoundError,
  type Deal,
  type DealCreate,
  type DealListQuery,
  type DealSort,
  type DealStageSummary,
  type DealStageTotals,
  type DealStageChange,
  type DealUpdate,
  type Page,
} from '@cadenza/core';
import { assertCompanyReference } from './companies';
import { assertContactReference } from './contacts';
import { crmWrite, fieldError, managerOf, queryRows, type CrmWrite, type Db } from './crm-write';
import { ownerCondition, ownerFor, type CrmPrincipal } from './crm-principal';
import { keysetClause, toPage, type KeysetOrder } from './keyset-page';
import { SqlParams } from './sql-params';
import { searchCondition } from './prefix-search';

const SELECT = `d.id, d.name, d.amount, d.currency, d.pipeline_id AS "pipelineId", d.stage_id AS "stageId",
  d.contact_id AS "contactId", d.company_id AS "companyId", d.owner_id AS "ownerId",
  to_char(d.close_date, 'YYYY-MM-DD') AS "closeDate", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;
type DealSqlRow = Omit<Deal, 'amount' | 'createdAt' | 'updatedAt'> & {
  amount: string | null;
  createdAt: Date;
  updatedAt: Date;
};
const toDeal = (row: DealSqlRow): Deal => ({
  id: row.id,
  name: row.name,
  amount: row.amount === null ? null : Number(row.amount),
  currency: row.currency,
  pipelineId: row.pipelineId,
  stageId: row.stageId,
  contactId: row.contactId,
  companyId: row.companyId,
  ownerId: row.ownerId,
  closeDate: row.closeDate,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** List orders by name: the sort key is always one of ours, never a column named by the request. */
const ORDERS: Record<DealSort, KeysetOrder> = {
  'createdAt:desc': {
    name: 'createdAt:desc',
    expression: 'd.created_at',
    cast: 'timestamptz',
    direction: 'desc',
    idExpression: 'd.id',
  },
  // The board's columns: a card just moved or edited is on top (index deals_stage_updated_idx).
  'updatedAt:desc': {
    name: 'updatedAt:desc',
    expression: 'd.updated_at',
    cast: 'timestamptz',
    direction: 'desc',
    idExpression: 'd.id',
  },
};

async function selectDeal(manager: EntityManager, principal: CrmPrincipal, id: string, lock = false) {
  const params = new SqlParams([principal.tenantId, id]);
  const owner = ownerCondition(principal, 'd.owner_id', params);
  const rows = (await manager.query(
    `SELECT ${SELECT} FROM deals d WHERE d.tenant_id = $1 AND d.id = $2::uuid ${owner ? `AND ${owner}` : ''}
     ${lock ? 'FOR UPDATE' : ''}`,
    params.values,
  )) as DealSqlRow[];
  if (!rows[0]) throw new NotFoundError('deal', id);
  return toDeal(rows[0]);
}

/** The stage must exist in the pipeline; its name is returned for the timeline. */
async function stageName(manager: EntityManager, tenantId: string, pipelineId: string, stageId: string) {
  const rows = (await manager.query(
    `SELECT name FROM pipeline_stages WHERE tenant_id = $1 AND pipeline_id = $2 AND id = $3`,
    [tenantId, pipelineId, stageId],
  )) as Array<{ name: string }>;
  if (!rows[0]) throw fieldError('body.stageId', `no stage ${stageId} in pipeline ${pipelineId}`);
  return rows[0].name;
}

async function checkReferences(write: CrmWrite, input: Partial<DealCreate>) {
  await assertContactReference(write.manager, write.principal, input.contactId, 'body.contactId');
  await assertCompanyReference(write.manager, write.tenantId, input.companyId, 'body.companyId');
}

/** A page of the deals the principal may see; `sort` defaults to newest first. */
export async function listDeals(
  db: Db,
  principal: CrmPrincipal,
  query: Omit<DealListQuery, 'sort'> & { sort?: DealSort },
): Promise<Page<Deal>> {
  const order = ORDERS[query.sort ?? 'createdAt:desc'];
  const params = new SqlParams([principal.tenantId]);
  const where = ['d.tenant_id = $1'];
  for (const [field, column] of [
    ['pipelineId', 'pipeline_id'],
    ['stageId', 'stage_id'],
    ['contactId', 'contact_id'],
    ['companyId', 'company_id'],
    ['ownerId', 'owner_id'],
  ] as const) {
    if (query[field]) where.push(`d.${column} = ${params.add(query[field])}::uuid`);
  }
  if (query.q) where.push(searchCondition('d.search', query.q, (value) => params.add(value)));
  const owner = ownerCondition(principal, 'd.owner_id', params);
  if (owner) where.push(owner);
  const keyset = keysetClause(order, params, query.cursor, query.limit);
  if (keyset.where) where.push(keyset.where);
  const rows = (await managerOf(db).query(
    `SELECT ${SELECT}, ${order.expression}::text AS sort_key FROM deals d WHERE ${where.join(' AND ')} ${keyset.orderLimit}`,
    params.values,
  )) as Array<DealSqlRow & { sort_key: string }>;
  return toPage(rows, order, query.limit, toDeal);
}

/**
 * Per stage of a pipeline, how many deals the principal may see and their sum per
 * currency: what a board column shows above the part of it that is loaded. Every stage is
 * listed, empty ones with zero, in pipeline order.
 */
export async function dealStageSummary(db: Db, principal: CrmPrincipal, pipelineId: string): Promise<DealStageSummary> {
  const manager = managerOf(db);
  const pipelines = (await manager.query(`SELECT 1 FROM pipelines WHERE tenant_id = $1 AND id = $2::uuid`, [
    principal.tenantId,
    pipelineId,
  ])) as unknown[];
  if (pipelines.length === 0) throw new NotFoundError('pipeline', pipelineId);
  const params = new SqlParams([principal.tenantId, pipelineId]);
  const owner = ownerCondition(principal, 'd.owner_id', params);
  const rows = (await manager.query(
    `SELECT s.id AS "stageId", d.currency, count(d.id)::int AS count, sum(d.amount)::text AS amount
     FROM pipeline_stages s
     LEFT JOIN deals d ON d.tenant_id = s.tenant_id AND d.pipeline_id = s.pipeline_id AND d.stage_id = s.id
       ${owner ? `AND ${owner}` : ''}
     WHERE s.tenant_id = $1 AND s.pipeline_id = $2::uuid
     GROUP BY s.id, s.position, d.currency
     ORDER BY s.position, s.id, d.currency`,
    params.values,
  )) as Array<{ stageId: string; currency: string | null; count: number; amount: string | null }>;
  return { pipelineId, stages: summariseStages(rows) };
}

/** Folds (stage, currency) groups into one entry per stage, keeping the query's stage order. */
function summariseStages(
  rows: Array<{ stageId: string; currency: string | null; count: number; amount: string | null }>,
): DealStageTotals[] {
  const byStage = new Map<string, DealStageTotals>();
  for (const row of rows) {
    const stage = byStage.get(row.stageId) ?? { stageId: row.stageId, count: 0, totals: [] };
    byStage.set(row.stageId, stage);
    stage.count += row.count;
    if (row.currency !== null && row.amount !== null)
      stage.totals.push({ currency: row.currency, amount: Number(row.amount) });
  }
  return [...byStage.values()];
}

export async function getDeal(db: Db, principal: CrmPrincipal, id: string): Promise<Deal> {
  return selectDeal(managerOf(db), principal, id);
}

export async function createDeal(db: Db, principal: CrmPrincipal, input: DealCreate): Promise<Deal> {
  return crmWrite(db, principal, async (write) => {
    await checkReferences(write, input);
    await stageName(write.manager, principal.tenantId, input.pipelineId, input.stageId);
    const [row] = (await write.manager.query(
      `INSERT INTO deals AS d (tenant_id, name, amount, currency, pipeline_id, stage_id, contact_id, company_id,
         owner_id, close_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${SELECT}`,
      [
        principal.tenantId,
        input.name,
        input.amount ?? null,
        input.currency ?? 'USD',
        input.pipelineId,
        input.stageId,
        input.contactId ?? null,
        input.companyId ?? null,
        ownerFor(principal, input.ownerId, null),
        input.closeDate ?? null,
      ],
    )) as DealSqlRow[];
    const deal = toDeal(row!);
    write.audit('create', 'deal', deal.id, null, deal);
    write.event('deal.created', 'deal', deal.id, { pipelineId: deal.pipelineId, stageId: deal.stageId });
    return deal;
  });
}

const COLUMNS = {
  name: 'name',
  amount: 'amount',
  currency: 'currency',
  contactId: 'contact_id',
  companyId: 'company_id',
  ownerId: 'owner_id',
  closeDate: 'close_date',
} as const satisfies Record<keyof DealUpdate, string>;

export async function updateDeal(db: Db, principal: CrmPrincipal, id: string, patch: DealUpdate): Promise<Deal> {
  return crmWrite(db, principal, async (write) => {
    const before = await selectDeal(write.manager, principal, id, true);
    await checkReferences(write, patch);
    if (patch.ownerId !== undefined) ownerFor(principal, patch.ownerId, before.ownerId);
    const fields = (Object.keys(COLUMNS) as Array<keyof DealUpdate>).filter(
      (f) => patch[f] !== undefined && patch[f] !== before[f],
    );
    if (fields.length === 0) return before;
    const params = new SqlParams([principal.tenantId, id]);
    const assignments = fields.map((f) => `${COLUMNS[f]} = ${params.add(patch[f])}`);
    const [row] = await queryRows<DealSqlRow>(
      write.manager,
      `UPDATE deals AS d SET updated_at = now(), ${assignments.join(', ')}
       WHERE d.tenant_id = $1 AND d.id = $2 RETURNING ${SELECT}`,
      params.values,
    );
    const after = toDeal(row!);
    write.audit('update', 'deal', id, before, after);
    write.event('deal.updated', 'deal', id, { fields });
    return after;
  });
}

/** Moves a deal to a stage (of its pipeline, or of a new one), with a timeline entry on its contact. */
export async function changeDealStage(
  db: Db,
  principal: CrmPrincipal,
  id: string,
  change: DealStageChange,
): Promise<Deal> {
  return crmWrite(db, principal, async (write) => {
    const before = await selectDeal(write.manager, principal, id, true);
    const pipelineId = change.pipelineId ?? before.pipelineId;
    const toName = await stageName(write.manager, principal.tenantId, pipelineId, change.stageId);
    if (pipelineId === before.pipelineId && change.stageId === before.stageId) return before;
    const [fromRow] = (await write.manager.query(`SELECT name FROM pipeline_stages WHERE tenant_id = $1 AND id = $2`, [
      principal.tenantId,
      before.stageId,
    ])) as Array<{ name: string }>;
    const [row] = await queryRows<DealSqlRow>(
      write.manager,
      `UPDATE deals AS d SET pipeline_id = $3, stage_id = $4, updated_at = now()
       WHERE d.tenant_id = $1 AND d.id = $2 RETURNING ${SELECT}`,
      [principal.tenantId, id, pipelineId, change.stageId],
    );
    const after = toDeal(row!);
    const data = {
      dealId: id,
      fromPipelineId: before.pipelineId,
      fromStageId: before.stageId,
      toPipelineId: pipelineId,
      toStageId: change.stageId,
    };
    write.audit('update', 'deal', id, before, after);
    write.event('deal.stage_changed', 'deal', id, { ...data, contactId: after.contactId });
    if (after.contactId) {
      await write.timeline(after.contactId, {
        kind: 'stage_changed',
        summary: `Deal ${after.name} moved from ${fromRow?.name ?? 'another stage'} to ${toName}`,
        data,
      });
    }
    return after;
  });
}

export async function deleteDeal(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const before = await selectDeal(write.manager, principal, id, true);
    await write.manager.query(`DELETE FROM deals WHERE tenant_id = $1 AND id = $2`, [principal.tenantId, id]);
    write.audit('delete', 'deal', id, before, null);
    // The row is gone when live sockets decide who sees this: the event says whose it was.
    write.event('deal.deleted', 'deal', id, { ownerId: before.ownerId });
  });
}

/** For tasks: a deal the principal may see, or a 400 naming the field. */
export async function assertDealReference(
  manager: EntityManager,
  principal: CrmPrincipal,
  dealId: string | null | undefined,
  field: string,
): Promise<void> {
  if (!dealId) return;
  await selectDeal(manager, principal, dealId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? fieldError(field, `no deal ${dealId} in this workspace`) : error;
  });
}
