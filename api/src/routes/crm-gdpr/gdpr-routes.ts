import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { IdParamsSchema } from '@cadenza/core';
import { eraseContactHistory, type PayloadKeyRing } from '@cadenza/services/privacy';
import { eraseContact, exportContactData, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

export interface GdprRouteDependencies {
  db: DataSource;
  /** The contact's open runs are ended and its payload keys destroyed after the erasure commits. */
  temporal: Client;
  payloadKeys: PayloadKeyRing;
}

const notFound = { description: 'no such contact, or not visible to the caller' };

const ErasureSchema = z.object({
  contactId: z.string(),
  removed: z.object({
    timelineEntries: z.number(),
    notes: z.number(),
    messages: z.number().describe("side-effect results of the contact's flow runs"),
    approvals: z.number().describe('AI drafts with their research'),
    agentCheckpoints: z.number().describe("checkpoint rows of the contact's AI agent chains"),
    sinkMessages: z.number().describe('copies in the development SMTP sink'),
    knowledgeVectors: z.number().describe('embeddings of its notes and timeline entries (semantic search)'),
  }),
  unlinked: z.object({ tasks: z.number(), deals: z.number() }),
  anonymised: z
    .object({
      messages: z.number().describe('sent messages kept as delivery records, without recipient, subject or content'),
      messageEvents: z.number().describe('opens, clicks, replies and bounces kept without their data'),
      suppressions: z.number().describe('suppression entries kept as a hash of the address'),
      importRows: z.number().describe('CSV import rows kept without their cells'),
      tasks: z.number().describe('linked tasks whose title named the contact'),
      deals: z.number().describe('linked deals whose name named the contact'),
    })
    .describe('records kept without the personal data they held'),
  redactedAuditEntries: z.number(),
  endedRuns: z.number().describe("the contact's open flow runs, terminated"),
  shreddedPayloadKeys: z
    .number()
    .describe("data keys destroyed: every Temporal payload of the contact's runs is unreadable from now on"),
});

/** GDPR: export everything about one contact, or erase it. Both are the privacy admin's job. */
export function gdprRoutes(deps: GdprRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts/:id/gdpr-export',
      tag: 'contacts',
      summary: 'Everything about one contact as JSON (data subject access request)',
      access: 'contacts:erase',
      params: IdParamsSchema,
      responses: {
        200: { description: 'fields, timeline, notes, tasks, deals, audit entries, flow runs' },
        404: notFound,
      },
      handler: async ({ params, principal }) => ({
        headers: {
          'content-disposition': `attachment; filename="contact-${params.id}.json"`,
          'cache-control': 'no-store',
        },
        body: await exportContactData(deps.db, principal, params.id),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/contacts/:id/gdpr-erase',
      tag: 'contacts',
      summary:
        "Erase a contact's personal data from every table, end its runs and destroy the keys of their Temporal history (right to erasure); audited without personal data",
      access: 'contacts:erase',
      params: IdParamsSchema,
      responses: { 200: { description: 'what was erased', schema: ErasureSchema }, 404: notFound },
      handler: async ({ params, principal }) => {
        const { openRunWorkflowIds, ...erased } = await eraseContact(deps.db, principal, params.id);
        // After commit: runs first (they must not write new payloads), then the keys.
        const history = await eraseContactHistory(deps, principal, params.id, openRunWorkflowIds);
        return { body: { ...erased, ...history } };
      },
    }),
  ];
}
