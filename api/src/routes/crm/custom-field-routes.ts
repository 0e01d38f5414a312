import { z } from 'zod';
import {
  CustomFieldDefinitionCreateSchema,
  CustomFieldDefinitionSchema,
  CustomFieldDefinitionUpdateSchema,
  IdParamsSchema,
} from '@cadenza/core';
import {
  createCustomField,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
  type DataSource,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const notFound = { description: 'no such custom field in this workspace' };

/** Anyone who reads contacts may read the field schema; changing it is a workspace setting. */
export function customFieldRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/custom-fields',
      tag: 'custom fields',
      summary: "The workspace's contact custom fields",
      access: 'contacts:read',
      responses: {
        200: { description: 'definitions', schema: z.object({ items: z.array(CustomFieldDefinitionSchema) }) },
      },
      handler: async ({ principal }) => ({ body: { items: await listCustomFields(db, principal) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/custom-fields',
      tag: 'custom fields',
      summary: 'Define a contact custom field',
      access: 'settings:manage',
      body: CustomFieldDefinitionCreateSchema,
      responses: {
        201: { description: 'created', schema: CustomFieldDefinitionSchema },
        409: { description: 'key taken' },
      },
      handler: async ({ body, principal }) => ({ status: 201, body: await createCustomField(db, principal, body) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/custom-fields/:id',
      tag: 'custom fields',
      summary: 'Change the label or options of a custom field',
      access: 'settings:manage',
      params: IdParamsSchema,
      body: CustomFieldDefinitionUpdateSchema,
      responses: { 200: { description: 'the definition', schema: CustomFieldDefinitionSchema }, 404: notFound },
      handler: async ({ params, body, principal }) => ({
        body: await updateCustomField(db, principal, params.id, body),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/custom-fields/:id',
      tag: 'custom fields',
      summary: 'Delete a custom field and its values on every contact',
      access: 'settings:manage',
      params: IdParamsSchema,
      responses: { 204: { description: 'deleted' }, 404: notFound },
      handler: async ({ params, principal }) => {
        await deleteCustomField(db, principal, params.id);
        return { status: 204 };
      },
    }),
  ];
}
