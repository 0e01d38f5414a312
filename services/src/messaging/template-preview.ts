import type { DataSource } from 'typeorm';
import { loadTemplateRecords } from '@cadenza/data';
import { plainToHtml } from './plain-to-html';
import { htmlToText, looksLikeHtml } from './html-to-text';
import { renderMessageTemplate } from './render-message';
import { templateContextOf } from './template-context';

export interface TemplatePreview {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders an email template for one contact exactly as a send_email step would (same records
 * from the same query, strict rendering, escaping, snippets and plain-text part), without
 * tracking. Earlier steps' outputs exist only inside a run, so `steps.*` must use a fallback here.
 */
export async function previewTemplate(
  db: DataSource,
  tenantId: string,
  request: { subject: string; body: string; contactId: string; fromName?: string },
): Promise<TemplatePreview> {
  const records = await loadTemplateRecords(db, tenantId, request.contactId);
  const context = templateContextOf(records, {}, { fromName: request.fromName });
  const { snippets } = records;
  const subject = renderMessageTemplate(request.subject, context, { html: false, snippets }, 'subject');
  const body = looksLikeHtml(request.body) ? request.body : plainToHtml(request.body);
  const html = renderMessageTemplate(body, context, { html: true, snippets }, 'body');
  return { subject, html, text: htmlToText(html) };
}
