import { z } from 'zod';
import { IdParamsSchema, SavedViewCreateSchema, SavedViewSchema, SavedViewUpdateSchema } from '@cadenza/core';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const notFound = { description: 'no such view among the caller’s own' };

/**
 * Saved views of the contacts table: private to the signed-in user. Anyone who may read
 * contacts may keep views (a view changes no contact), so the permission is contacts:read.
 * Their own OpenAPI tag: being per user, they are not part of the CRM role/tenant matrix
 * (crm-access.int.test.ts); contact-workspace.int.test.ts checks users and tenants apart.
 */
export function savedViewRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/contact-views',
      tag: 'saved views',
      summary: "The caller's saved contact views, by name",
      access: 'contacts:read',
      responses: { 200: { description: 'views', schema: z.object({ items: z.array(SavedViewSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listSavedViews(db, principal) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/contact-views',
      tag: 'saved views',
      summary: 'Save the current filters, sort and columns of the contacts table under a name',
      access: 'contacts:read',
      body: SavedViewCreateSchema,
      responses: {
        201: { description: 'saved', schema: SavedViewSchema },
        409: { description: 'the caller has a view with this name' },
      },
      handler: async ({ principal, body }) => {
        const view = await createSavedView(db, principal, body);
        return { status: 201, headers: { location: `/api/v1/contact-views/${view.id}` }, body: view };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/contact-views/:id',
      tag: 'saved views',
      summary: 'Rename a view or change its filters, sort or columns',
      access: 'contacts:read',
      params: IdParamsSchema,
      body: SavedViewUpdateSchema,
      responses: { 200: { description: 'the view after the change', schema: SavedViewSchema }, 404: notFound },
      handler: async ({ principal, params, body }) => ({
        body: await updateSavedView(db, principal, params.id, body),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/contact-views/:id',
      tag: 'saved views',
      summary: 'Delete a view',
      access: 'contacts:read',
      params: IdParamsSchema,
      responses: { 204: { description: 'deleted' }, 404: notFound },
      handler: async ({ principal, params }) => {
        await deleteSavedView(db, principal, params.id);
        return { status: 204 };
      },
    }),
  ];
}
