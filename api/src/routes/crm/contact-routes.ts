import {
  ContactCreateSchema,
  ContactListQuerySchema,
  ContactSchema,
  ContactUpdateSchema,
  IdParamsSchema,
  TimelineEntrySchema,
  TimelineQuerySchema,
  pageOf,
} from '@cadenza/core';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  listTimeline,
  updateContact,
  type DataSource,
} from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const notFound = { description: 'no such contact, or not visible to the caller' };

export function contactRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts',
      tag: 'contacts',
      summary: 'List contacts: filters, full-text search (q), sort and cursor pagination',
      access: 'contacts:read',
      query: ContactListQuerySchema,
      responses: { 200: { description: 'one page', schema: pageOf(ContactSchema) } },
      handler: async ({ query, principal }) => ({ body: await listContacts(db, principal, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/contacts',
      tag: 'contacts',
      summary: 'Create a contact',
      access: 'contacts:write',
      body: ContactCreateSchema,
      responses: {
        201: { description: 'created', schema: ContactSchema },
        409: { description: 'a contact with this email exists' },
      },
      handler: async ({ body, principal }) => {
        const contact = await createContact(db, principal, body);
        return { status: 201, headers: { location: `/api/v1/contacts/${contact.id}` }, body: contact };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/:id',
      tag: 'contacts',
      summary: 'One contact',
      access: 'contacts:read',
      params: IdParamsSchema,
      responses: { 200: { description: 'the contact', schema: ContactSchema }, 404: notFound },
      handler: async ({ params, principal }) => ({ body: await getContact(db, principal, params.id) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/contacts/:id',
      tag: 'contacts',
      summary: 'Change some fields of a contact (absent fields stay, null clears, custom fields merge)',
      access: 'contacts:write',
      params: IdParamsSchema,
      body: ContactUpdateSchema,
      responses: { 200: { description: 'the contact after the change', schema: ContactSchema }, 404: notFound },
      handler: async ({ params, body, principal }) => ({ body: await updateContact(db, principal, params.id, body) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/contacts/:id',
      tag: 'contacts',
      summary: 'Delete a contact with its notes and timeline',
      access: 'contacts:write',
      params: IdParamsSchema,
      responses: { 204: { description: 'deleted' }, 404: notFound },
      handler: async ({ params, principal }) => {
        await deleteContact(db, principal, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/:id/timeline',
      tag: 'contacts',
      summary: "A contact's timeline, newest first",
      access: 'contacts:read',
      params: IdParamsSchema,
      query: TimelineQuerySchema,
      responses: { 200: { description: 'one page', schema: pageOf(TimelineEntrySchema) }, 404: notFound },
      handler: async ({ params, query, principal }) => ({
        body: await listTimeline(db, principal, params.id, query),
      }),
    }),
  ];
}
