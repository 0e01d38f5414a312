import type { z } from 'zod';
import { IdParamsSchema, pageOf, type Permission, type Principal } from '@cadenza/core';
import { defineRoute, type ApiRoute } from '../../http/api-route';

/** The five routes of a CRM collection, declared once so every collection behaves alike. */
export interface CrudSpec<T extends z.ZodType, C extends z.ZodType, U extends z.ZodType, Q extends z.ZodType> {
  /** Collection path, e.g. '/deals'. */
  path: string;
  tag: string;
  noun: string;
  read: Permission;
  write: Permission;
  schema: T;
  createSchema: C;
  updateSchema?: U;
  listQuery: Q;
  list: (principal: Principal, query: z.infer<Q>) => Promise<unknown>;
  get: (principal: Principal, id: string) => Promise<unknown>;
  create: (principal: Principal, body: z.infer<C>) => Promise<{ id: string }>;
  update?: (principal: Principal, id: string, body: z.infer<U>) => Promise<unknown>;
  remove: (principal: Principal, id: string) => Promise<void>;
}

export function crudRoutes<T extends z.ZodType, C extends z.ZodType, U extends z.ZodType, Q extends z.ZodType>(
  spec: CrudSpec<T, C, U, Q>,
): ApiRoute[] {
  const notFound = { description: `no such ${spec.noun}, or not visible to the caller` };
  const routes = [
    defineRoute({
      method: 'get',
      path: spec.path,
      tag: spec.tag,
      summary: `List ${spec.noun}s, newest first, with cursor pagination`,
      access: spec.read,
      query: spec.listQuery,
      responses: { 200: { description: 'one page', schema: pageOf(spec.schema) } },
      handler: async ({ query, principal }) => ({ body: await spec.list(principal, query) }),
    }),
    defineRoute({
      method: 'post',
      path: spec.path,
      tag: spec.tag,
      summary: `Create a ${spec.noun}`,
      access: spec.write,
      body: spec.createSchema,
      responses: { 201: { description: 'created', schema: spec.schema } },
      handler: async ({ body, principal }) => {
        const created = await spec.create(principal, body);
        return { status: 201, headers: { location: `/api/v1${spec.path}/${created.id}` }, body: created };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${spec.path}/:id`,
      tag: spec.tag,
      summary: `One ${spec.noun}`,
      access: spec.read,
      params: IdParamsSchema,
      responses: { 200: { description: `the ${spec.noun}`, schema: spec.schema }, 404: notFound },
      handler: async ({ params, principal }) => ({ body: await spec.get(principal, params.id) }),
    }),
    defineRoute({
      method: 'delete',
      path: `${spec.path}/:id`,
      tag: spec.tag,
      summary: `Delete a ${spec.noun}`,
      access: spec.write,
      params: IdParamsSchema,
      responses: { 204: { description: 'deleted' }, 404: notFound },
      handler: async ({ params, principal }) => {
        await spec.remove(principal, params.id);
        return { status: 204 };
      },
    }),
  ];
  const { update, updateSchema } = spec;
  if (update && updateSchema) {
    routes.push(
      defineRoute({
        method: 'patch',
        path: `${spec.path}/:id`,
        tag: spec.tag,
        summary: `Change some fields of a ${spec.noun} (absent fields stay, null clears)`,
        access: spec.write,
        params: IdParamsSchema,
        body: updateSchema,
        responses: { 200: { description: `the ${spec.noun} after the change`, schema: spec.schema }, 404: notFound },
        handler: async ({ params, body, principal }) => ({ body: await update(principal, params.id, body) }),
      }),
    );
  }
  return routes;
}
