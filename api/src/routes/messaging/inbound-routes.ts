import { z } from 'zod';
import type { DataSource } from '@cadenza/activities/data';
import { intakeInboundEmail, type SignalRun } from '@cadenza/activities/messaging';
import { defineRoute, type ApiRoute } from '../../http/api-route';

/** The fields of a SendGrid Inbound Parse post that matching needs (it sends many more). */
export const SendgridInboundSchema = z
  .object({
    headers: z.string().max(200_000).optional().describe('raw header block of the received email'),
    from: z.string().max(1000).optional(),
    to: z.string().max(5000).optional(),
    subject: z.string().max(2000).optional(),
    text: z.string().max(1_000_000).optional().describe('plain-text body'),
    html: z.string().max(2_000_000).optional(),
  })
  .loose()
  .describe('SendGrid Inbound Parse fields (JSON here; the multipart form is not parsed yet)');

/**
 * Inbound email from SendGrid Inbound Parse: replies and bounce reports, matched to the
 * message they answer by In-Reply-To / References. Always 200, so SendGrid does not retry
 * mail that matches nothing (it is not ours to keep).
 */
export function inboundRoutes(deps: { db: DataSource; signalRun: SignalRun }): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/inbound/sendgrid',
      tag: 'messaging',
      summary: 'SendGrid Inbound Parse webhook: replies and bounces',
      access: 'public',
      body: SendgridInboundSchema,
      responses: {
        200: {
          description: 'what the email was matched to',
          schema: z.object({ matched: z.boolean(), kind: z.enum(['reply', 'bounce']).nullable() }),
        },
      },
      handler: async ({ body }) => {
        const result = await intakeInboundEmail(deps.db, deps.signalRun, {
          headers: body.headers ?? null,
          ...(body.from ? { from: body.from } : {}),
          ...(body.subject ? { subject: body.subject } : {}),
          ...(body.text ? { text: body.text } : {}),
        });
        return { body: { matched: result.matched !== null, kind: result.kind } };
      },
    }),
  ];
}
