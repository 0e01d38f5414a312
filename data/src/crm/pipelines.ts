import type { EntityManager } from 'typeorm';
import {
  NotFoundError,
  type Pipeline,
  type PipelineCreate,
  type PipelineUpdate,
  type Stage,
  type StageCreate,
  type StageUpdate,
} from '@cadenza/core';
import { crmWrite, managerOf, type CrmWrite, type Db } from './crm-write';
import type { CrmPrincipal } from './crm-principal';

interface PipelineSqlRow {
  id: string;
  name: string;
  created_at: Date;
  stages: Array<{ id: string; name: string; probability: number | null; position: number }>;
}

/** Pipelines with their stages in order, in one query. */
async function selectPipelines(manager: EntityManager, tenantId: string, id?: string, lock = false) {
  const rows = (await manager.query(
    `SELECT p.id, p.name, p.created_at,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'probability', s.probability,
                   'position', s.position) ORDER BY s.position, s.created_at)
                 FROM pipeline_stages s WHERE s.tenant_id = p.tenant_id AND s.pipeline_id = p.id), '[]') AS stages
     FROM pipelines p WHERE p.tenant_id = $1 ${id ? 'AND p.id = $2' : ''}
     ORDER BY p.created_at, p.id ${lock ? 'FOR UPDATE OF p' : ''}`,
    id ? [tenantId, id] : [tenantId],
  )) as PipelineSqlRow[];
  return rows.map((row): Pipeline => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    stages: row.stages.map((s) => ({ ...s, pipelineId: row.id })),
  }));
}

async function requirePipeline(manager: EntityManager, tenantId: string, id: string, lock = false) {
  const [pipeline] = await selectPipelines(manager, tenantId, id, lock);
  if (!pipeline) throw new NotFoundError('pipeline', id);
  return pipeline;
}

/** Rewrites positions 0..n-1 in the given order, so positions never have gaps or ties. */
async function renumber(write: CrmWrite, pipelineId: string, stageIds: string[]) {
  await write.manager.query(
    `UPDATE pipeline_stages s SET position = o.ord - 1
     FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, ord)
     WHERE s.tenant_id = $1 AND s.pipeline_id = $2 AND s.id = o.id`,
    [write.tenantId, pipelineId, stageIds],
  );
}

export async function listPipelines(db: Db, principal: CrmPrincipal): Promise<Pipeline[]> {
  return selectPipelines(managerOf(db), principal.tenantId);
}

export async function getPipeline(db: Db, principal: CrmPrincipal, id: string): Promise<Pipeline> {
  return requirePipeline(managerOf(db), principal.tenantId, id);
}

export async function createPipeline(db: Db, principal: CrmPrincipal, input: PipelineCreate): Promise<Pipeline> {
  return crmWrite(db, principal, async (write) => {
    const [row] = (await write.manager.query(`INSERT INTO pipelines (tenant_id, name) VALUES ($1, $2) RETURNING id`, [
      principal.tenantId,
      input.name,
    ])) as Array<{ id: string }>;
    await write.manager.query(
      `INSERT INTO pipeline_stages (tenant_id, pipeline_id, name, probability, position)
       SELECT $1, $2, s.name, s.probability, s.ord - 1
       FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (name text, probability integer))
         WITH ORDINALITY AS s(name, probability, ord)`,
      [
        principal.tenantId,
        row!.id,
        JSON.stringify(input.stages.map((s) => ({ name: s.name, probability: s.probability ?? null }))),
      ],
    );
    const pipeline = await requirePipeline(write.manager, principal.tenantId, row!.id);
    write.audit('create', 'pipeline', pipeline.id, null, pipeline);
    return pipeline;
  });
}

export async function updatePipeline(
  db: Db,
  principal: CrmPrincipal,
  id: string,
  patch: PipelineUpdate,
): Promise<Pipeline> {
  return crmWrite(db, principal, async (write) => {
    const before = await requirePipeline(write.manager, principal.tenantId, id, true);
    await write.manager.query(`UPDATE pipelines SET name = $3 WHERE tenant_id = $1 AND id = $2`, [
      principal.tenantId,
      id,
      patch.name,
    ]);
    const after = { ...before, name: patch.name };
    write.audit('update', 'pipeline', id, before, after);
    return after;
  });
}

/** Refused (409) while deals are in the pipeline: they would lose their stage. */
export async function deletePipeline(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const before = await requirePipeline(write.manager, principal.tenantId, id, true);
    await write.manager.query(`DELETE FROM pipelines WHERE tenant_id = $1 AND id = $2`, [principal.tenantId, id]);
    write.audit('delete', 'pipeline', id, before, null);
  });
}

export async function addStage(
  db: Db,
  principal: CrmPrincipal,
  pipelineId: string,
  input: StageCreate,
): Promise<Stage> {
  return crmWrite(db, principal, async (write) => {
    const pipeline = await requirePipeline(write.manager, principal.tenantId, pipelineId, true);
    const [row] = (await write.manager.query(
      `INSERT INTO pipeline_stages (tenant_id, pipeline_id, name, probability, position)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [principal.tenantId, pipelineId, input.name, input.probability ?? null, pipeline.stages.length],
    )) as Array<{ id: string }>;
    const order = pipeline.stages.map((s) => s.id);
    order.splice(Math.min(input.position ?? order.length, order.length), 0, row!.id);
    await renumber(write, pipelineId, order);
    const stage = (await requirePipeline(write.manager, principal.tenantId, pipelineId)).stages.find(
      (s) => s.id === row!.id,
    )!;
    write.audit('create', 'stage', stage.id, null, stage);
    return stage;
  });
}

async function requireStage(write: CrmWrite, pipelineId: string, stageId: string) {
  const pipeline = await requirePipeline(write.manager, write.tenantId, pipelineId, true);
  const stage = pipeline.stages.find((s) => s.id === stageId);
  if (!stage) throw new NotFoundError('stage', stageId);
  return { pipeline, stage };
}

export async function updateStage(
  db: Db,
  principal: CrmPrincipal,
  pipelineId: string,
  stageId: string,
  patch: StageUpdate,
): Promise<Stage> {
  return crmWrite(db, principal, async (write) => {
    const { pipeline, stage: before } = await requireStage(write, pipelineId, stageId);
    await write.manager.query(
      `UPDATE pipeline_stages SET name = coalesce($3, name),
         probability = CASE WHEN $5 THEN $4::integer ELSE probability END
       WHERE tenant_id = $1 AND id = $2`,
      [principal.tenantId, stageId, patch.name ?? null, patch.probability ?? null, patch.probability !== undefined],
    );
    if (patch.position !== undefined) {
      const order = pipeline.stages.map((s) => s.id).filter((id) => id !== stageId);
      order.splice(Math.min(patch.position, order.length), 0, stageId);
      await renumber(write, pipelineId, order);
    }
    const after = (await requirePipeline(write.manager, principal.tenantId, pipelineId)).stages.find(
      (s) => s.id === stageId,
    )!;
    write.audit('update', 'stage', stageId, before, after);
    return after;
  });
}

/** Refused (409) while deals are in the stage. */
export async function deleteStage(db: Db, principal: CrmPrincipal, pipelineId: string, stageId: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const { pipeline, stage } = await requireStage(write, pipelineId, stageId);
    await write.manager.query(`DELETE FROM pipeline_stages WHERE tenant_id = $1 AND id = $2`, [
      principal.tenantId,
      stageId,
    ]);
    await renumber(
      write,
      pipelineId,
      pipeline.stages.map((s) => s.id).filter((id) => id !== stageId),
    );
    write.audit('delete', 'stage', stageId, stage, null);
  });
}
