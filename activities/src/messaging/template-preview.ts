import type { DataSource } from 'typeorm';
import { createCrmFlowPort } from '../flow/crm-flow-port';
import { snippetBodies } from '../data/messaging/snippets-repository';
import { plainToHtml } from '../flow/flow-action-activities';
import { htmlToText, looksLikeHtml } from './html-to-text';
import { renderMessageTemplate } from './render-message';

export interface TemplatePreview {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders an email template for one contact exactly as a send_email step would (same strict
 * rendering, escaping, snippets and plain-text part), without tracking. Earlier steps' outputs exist
 * only inside a run, so `steps.*` must use a fallback here.
 */
export async function previewTemplate(
  db: DataSource,
  tenantId: string,
  request: { subject: string; body: string; contactId: string },
): Promise<TemplatePreview> {
  const contact = await createCrmFlowPort(db).loadContactSnapshot(tenantId, request.contactId);
  const context = { contact: { id: contact.id, ...contact.fields, score: contact.score }, steps: {} };
  const snippets = await snippetBodies(db, tenantId);
  const subject = renderMessageTemplate(request.subject, context, { html: false, snippets }, 'subject');
  const body = looksLikeHtml(request.body) ? request.body : plainToHtml(request.body);
  const html = renderMessageTemplate(body, context, { html: true, snippets }, 'body');
  return { subject, html, text: htmlToText(html) };
}
