import { z } from 'zod';
import {
  IdParamsSchema,
  IdSchema,
  PipelineCreateSchema,
  PipelineSchema,
  PipelineUpdateSchema,
  StageCreateSchema,
  StageSchema,
  StageUpdateSchema,
} from '@cadenza/core';
import {
  addStage,
  createPipeline,
  deletePipeline,
  deleteStage,
  getPipeline,
  listPipelines,
  updatePipeline,
  updateStage,
  type DataSource,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const StageParamsSchema = z.object({ id: IdSchema, stageId: IdSchema.describe('stage id') });
const notFound = { description: 'no such pipeline or stage in this workspace' };
const inUse = { description: 'deals are still in it' };

/** Pipelines are workspace configuration: everyone who reads deals sees them; settings:manage changes them. */
export function pipelineRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/pipelines',
      tag: 'pipelines',
      summary: 'Every pipeline with its stages in order',
      access: 'deals:read',
      responses: { 200: { description: 'the pipelines', schema: z.object({ items: z.array(PipelineSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listPipelines(db, principal) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/pipelines',
      tag: 'pipelines',
      summary: 'Create a pipeline with its stages',
      access: 'settings:manage',
      body: PipelineCreateSchema,
      responses: { 201: { description: 'created', schema: PipelineSchema } },
      handler: async ({ body, principal }) => ({ status: 201, body: await createPipeline(db, principal, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/pipelines/:id',
      tag: 'pipelines',
      summary: 'One pipeline with its stages',
      access: 'deals:read',
      params: IdParamsSchema,
      responses: { 200: { description: 'the pipeline', schema: PipelineSchema }, 404: notFound },
      handler: async ({ params, principal }) => ({ body: await getPipeline(db, principal, params.id) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/pipelines/:id',
      tag: 'pipelines',
      summary: 'Rename a pipeline',
      access: 'settings:manage',
      params: IdParamsSchema,
      body: PipelineUpdateSchema,
      responses: { 200: { description: 'the pipeline', schema: PipelineSchema }, 404: notFound },
      handler: async ({ params, body, principal }) => ({ body: await updatePipeline(db, principal, params.id, body) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/pipelines/:id',
      tag: 'pipelines',
      summary: 'Delete a pipeline and its stages (refused while deals are in it)',
      access: 'settings:manage',
      params: IdParamsSchema,
      responses: { 204: { description: 'deleted' }, 404: notFound, 409: inUse },
      handler: async ({ params, principal }) => {
        await deletePipeline(db, principal, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/pipelines/:id/stages',
      tag: 'pipelines',
      summary: 'Add a stage (at `position`, default last)',
      access: 'settings:manage',
      params: IdParamsSchema,
      body: StageCreateSchema,
      responses: { 201: { description: 'created', schema: StageSchema }, 404: notFound },
      handler: async ({ params, body, principal }) => ({
        status: 201,
        body: await addStage(db, principal, params.id, body),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/pipelines/:id/stages/:stageId',
      tag: 'pipelines',
      summary: 'Rename, re-weight or move a stage',
      access: 'settings:manage',
      params: StageParamsSchema,
      body: StageUpdateSchema,
      responses: { 200: { description: 'the stage', schema: StageSchema }, 404: notFound },
      handler: async ({ params, body, principal }) => ({
        body: await updateStage(db, principal, params.id, params.stageId, body),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/pipelines/:id/stages/:stageId',
      tag: 'pipelines',
      summary: 'Delete a stage (refused while deals are in it)',
      access: 'settings:manage',
      params: StageParamsSchema,
      responses: { 204: { description: 'deleted' }, 404: notFound, 409: inUse },
      handler: async ({ params, principal }) => {
        await deleteStage(db, principal, params.id, params.stageId);
        return { status: 204 };
      },
    }),
  ];
}
