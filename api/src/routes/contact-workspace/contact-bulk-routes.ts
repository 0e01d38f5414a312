import { z } from 'zod';
import {
  BulkAssignRequestSchema,
  BulkResultSchema,
  BulkTagRequestSchema,
  ContactSchema,
  ContactScoreSchema,
  IdParamsSchema,
  IdSchema,
} from '@cadenza/core';
import { bulkAssignOwner, bulkTagContacts, getContactScore, getContactsByIds, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

/** `?id=a&id=b` or `?id=a,b`: the rows a live list refreshes after change events. */
const BatchQuerySchema = z
  .object({
    id: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(',')))
      .pipe(z.array(IdSchema).min(1).max(200))
      .describe('contact ids, repeated or comma-separated (1-200)'),
  })
  .strict();

const invalid = { description: 'a contact is not in this workspace or not the caller’s; nothing changed' };

/**
 * What the contacts workspace needs beyond the CRM collection routes: bulk tag and owner
 * changes (all-or-nothing, each contact audited and evented), a batch read for live
 * refreshes, and a contact's AI score with its explanation. Mounted before /contacts/:id.
 */
export function contactBulkRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/contacts/bulk/tags',
      tag: 'contacts',
      summary: 'Add and remove tags on many contacts in one transaction',
      access: 'contacts:write',
      body: BulkTagRequestSchema,
      responses: { 200: { description: 'how many changed', schema: BulkResultSchema }, 400: invalid },
      handler: async ({ principal, body }) => ({ body: await bulkTagContacts(db, principal, body) }),
    }),
    defineRoute({
      method: 'post',
      path: '/contacts/bulk/owner',
      tag: 'contacts',
      summary: 'Assign many contacts to one owner in one transaction',
      access: 'contacts:write',
      body: BulkAssignRequestSchema,
      responses: {
        200: { description: 'how many changed', schema: BulkResultSchema },
        400: invalid,
        403: { description: 'a sales rep may not hand contacts to someone else' },
      },
      handler: async ({ principal, body }) => ({ body: await bulkAssignOwner(db, principal, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/batch',
      tag: 'contacts',
      summary: 'Several contacts by id (those the caller may see; others are left out)',
      access: 'contacts:read',
      query: BatchQuerySchema,
      responses: { 200: { description: 'the contacts', schema: z.object({ items: z.array(ContactSchema) }) } },
      handler: async ({ principal, query }) => ({
        body: { items: await getContactsByIds(db, principal, [...new Set(query.id)]) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/:id/score',
      tag: 'contacts',
      summary: "A contact's score with the AI's explanation of its latest score",
      access: 'contacts:read',
      params: IdParamsSchema,
      responses: {
        200: { description: 'score and explanation', schema: ContactScoreSchema },
        404: { description: 'no such contact, or not visible to the caller' },
      },
      handler: async ({ principal, params }) => ({ body: await getContactScore(db, principal, params.id) }),
    }),
  ];
}
