import {
  DealCreateSchema,
  DealListQuerySchema,
  DealSchema,
  DealStageChangeSchema,
  DealStageSummaryQuerySchema,
  DealStageSummarySchema,
  DealUpdateSchema,
  IdParamsSchema,
} from '@cadenza/core';
import {
  changeDealStage,
  createDeal,
  dealStageSummary,
  deleteDeal,
  getDeal,
  listDeals,
  updateDeal,
  type DataSource,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { crudRoutes } from './crud-routes';

export function dealRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    // Before the collection's '/deals/:id', which would take "stage-summary" for an id.
    defineRoute({
      method: 'get',
      path: '/deals/stage-summary',
      tag: 'deals',
      summary:
        "Per stage of a pipeline: how many deals the caller may see and their sum per currency (the board's column heads)",
      access: 'deals:read',
      query: DealStageSummaryQuerySchema,
      responses: {
        200: { description: 'every stage of the pipeline, in order', schema: DealStageSummarySchema },
        404: { description: 'no such pipeline in this workspace' },
      },
      handler: async ({ query, principal }) => ({ body: await dealStageSummary(db, principal, query.pipelineId) }),
    }),
    ...crudRoutes({
      path: '/deals',
      tag: 'deals',
      noun: 'deal',
      read: 'deals:read',
      write: 'deals:write',
      schema: DealSchema,
      createSchema: DealCreateSchema,
      updateSchema: DealUpdateSchema,
      listQuery: DealListQuerySchema,
      list: (principal, query) => listDeals(db, principal, query),
      get: (principal, id) => getDeal(db, principal, id),
      create: (principal, body) => createDeal(db, principal, body),
      update: (principal, id, body) => updateDeal(db, principal, id, body),
      remove: (principal, id) => deleteDeal(db, principal, id),
    }),
    defineRoute({
      method: 'patch',
      path: '/deals/:id/stage',
      tag: 'deals',
      summary: 'Move a deal to another stage (deal.stage_changed event, timeline entry on its contact)',
      access: 'deals:write',
      params: IdParamsSchema,
      body: DealStageChangeSchema,
      responses: {
        200: { description: 'the deal after the move', schema: DealSchema },
        404: { description: 'no such deal' },
      },
      handler: async ({ params, body, principal }) => ({ body: await changeDealStage(db, principal, params.id, body) }),
    }),
  ];
}
