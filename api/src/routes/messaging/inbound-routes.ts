import { z } from 'zod';
import { UnauthorizedError, UserError } from '@cadenza/core';
import type { DataSource } from '@cadenza/data';
import { intakeInboundEmail, type SignalRun } from '@cadenza/services/messaging';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { multipartBoundary, parseMultipartForm, readBody } from '../../http/multipart-form';
import { validate } from '../../http/validate';
import { inboundWebhookAuthorized } from './inbound-webhook-auth';

/** The fields of a SendGrid Inbound Parse post that matching needs (it sends many more). */
export const SendgridInboundSchema = z
  .object({
    headers: z.string().max(200_000).optional().describe('raw header block of the received email'),
    from: z.string().max(1000).optional(),
    to: z.string().max(5000).optional(),
    subject: z.string().max(2000).optional(),
    text: z.string().max(1_000_000).optional().describe('plain-text body'),
    html: z.string().max(2_000_000).optional(),
    envelope: z.string().max(10_000).optional().describe('SMTP envelope as JSON: {"to": [...], "from": "..."}'),
  })
  .loose()
  .describe('SendGrid Inbound Parse fields, as multipart/form-data (what SendGrid posts) or JSON');

export const InboundQuerySchema = z
  .object({ token: z.string().max(500).optional().describe('the shared secret, when not sent as basic auth') })
  .loose();

/** Inbound Parse posts the whole email; attachments beyond this are not ours to keep. */
const MAX_INBOUND_BYTES = 10 * 1024 * 1024;

/**
 * Inbound email from SendGrid Inbound Parse: replies and bounce reports, matched to the
 * message they answer by In-Reply-To / References. Authenticated by a shared secret
 * (INBOUND_WEBHOOK_SECRET). Mail that matches none of our messages is a 404 naming the
 * Message-IDs looked for, so a misrouted parse setting shows up in SendGrid's activity.
 */
export function inboundRoutes(deps: { db: DataSource; signalRun: SignalRun; secret: string | null }): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/inbound/sendgrid',
      tag: 'messaging',
      summary: 'SendGrid Inbound Parse webhook (multipart/form-data): replies and bounces',
      access: 'public',
      query: InboundQuerySchema,
      responses: {
        200: {
          description: 'what the email was matched to',
          schema: z.object({ matched: z.boolean(), kind: z.enum(['reply', 'bounce']).nullable() }),
        },
        401: { description: 'the shared secret is missing or wrong (or none is configured)' },
        404: { description: 'no sent message has the Message-ID the email refers to' },
      },
      handler: async ({ req, query }) => {
        // Checked before the body is read: an unauthenticated caller learns nothing and costs nothing.
        if (!inboundWebhookAuthorized(deps.secret, { authorization: req.headers.authorization, token: query.token }))
          throw new UnauthorizedError('inbound webhook: send the shared secret as basic auth or ?token=');
        const boundary = multipartBoundary(req.headers['content-type']);
        const raw = boundary ? parseMultipartForm(await readBody(req, MAX_INBOUND_BYTES), boundary) : req.body;
        const body = validate(SendgridInboundSchema, raw ?? {}, 'body');
        const result = await intakeInboundEmail(deps.db, deps.signalRun, {
          headers: body.headers ?? null,
          ...(body.from ? { from: body.from } : {}),
          ...(body.subject ? { subject: body.subject } : {}),
          ...(body.text ? { text: body.text } : {}),
        });
        if (result.referencedIds.length === 0)
          throw new UserError(
            'no_message_reference',
            'the email has no In-Reply-To or References header (nor, for a bounce, a quoted Message-ID)',
            { field: 'body.headers' },
          );
        if (!result.matched)
          throw new UserError(
            'unknown_message',
            `no sent message has Message-ID ${result.referencedIds.map((id) => `<${id}>`).join(', ')}`,
            { field: 'body.headers', messageIds: result.referencedIds },
            404,
          );
        return { body: { matched: true, kind: result.kind } };
      },
    }),
  ];
}
