import { z } from 'zod';
import { LIMIT_DESCRIPTIONS, TemplateVariableCatalogueSchema, templateVariableCatalogue } from '@cadenza/core';
import { listCustomFields, type DataSource } from '@cadenza/data';
import { previewTemplate } from '@cadenza/services/messaging';
import { defineRoute, type ApiRoute } from '../../http/api-route';

export const TemplatePreviewRequestSchema = z
  .object({
    subject: z.string().max(2000).describe('subject template (Handlebars, not escaped)'),
    body: z.string().max(200_000).describe('body template: HTML, or plain text turned into paragraphs; values escaped'),
    contactId: z.uuid().describe('the contact to render it for'),
    fromName: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("the send_email step's fromName, which {{sender.name}} prints; omitted: the mailbox's name"),
  })
  .describe('An email template to render for one contact');

export const TemplatePreviewSchema = z
  .object({
    subject: z.string(),
    html: z.string().describe('the HTML part, without tracking links'),
    text: z.string().describe('the plain-text part'),
  })
  .describe('An email template as the contact would receive it');

/** Template tools for the designer: the variables templates may use, and a preview rendered for a chosen contact. */
export function templateRoutes(deps: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/templates/variables',
      tag: 'messaging',
      summary: 'List the variables send templates may use (contact, custom fields, company, deal, sender, owner)',
      access: 'flows:read',
      responses: { 200: { description: 'the catalogue, grouped', schema: TemplateVariableCatalogueSchema } },
      handler: async ({ principal }) => ({
        body: templateVariableCatalogue(await listCustomFields(deps.db, principal)),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/templates/preview',
      tag: 'messaging',
      summary: 'Render an email template for one contact',
      access: 'templates:manage',
      body: TemplatePreviewRequestSchema,
      responses: {
        200: { description: 'the rendered email', schema: TemplatePreviewSchema },
        400: {
          description: `the template does not compile or uses a variable the contact lacks (no fallback); ${LIMIT_DESCRIPTIONS.render}`,
        },
        404: { description: 'no such contact in this tenant' },
      },
      handler: async ({ principal, body }) => ({ body: await previewTemplate(deps.db, principal.tenantId, body) }),
    }),
  ];
}
