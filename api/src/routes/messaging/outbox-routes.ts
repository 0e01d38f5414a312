import { z } from 'zod';
import {
  MessageDetailSchema,
  MessageViewSchema,
  NotFoundError,
  OutboxPageSchema,
  OutboxQuerySchema,
  SimulateReplySchema,
  UserError,
} from '@cadenza/core';
import { findMessageById, getMessage, listMessages, type DataSource } from '@cadenza/data';
import { intakeInboundEmail, type SignalRun } from '@cadenza/services/messaging';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const IdParams = z.object({ id: z.uuid().describe('message id') });

/** What the tenant's flows sent (every channel), as rendered HTML and as raw source, plus a reply simulator. */
export function outboxRoutes(deps: { db: DataSource; signalRun: SignalRun }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/outbox',
      tag: 'messaging',
      summary: 'Messages sent or kept, newest first, with cursor pagination',
      access: 'runs:read',
      query: OutboxQuerySchema,
      responses: { 200: { description: 'one page of messages', schema: OutboxPageSchema } },
      handler: async ({ principal, query }) => ({ body: await listMessages(deps.db, principal, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/outbox/:id',
      tag: 'messaging',
      summary: 'One message with its rendered HTML',
      access: 'runs:read',
      params: IdParams,
      responses: {
        200: { description: 'the message', schema: MessageDetailSchema },
        404: { description: 'not found' },
      },
      handler: async ({ principal, params }) => {
        const { raw: _raw, ...detail } = await getMessage(deps.db, principal, params.id);
        return { body: detail };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/outbox/:id/raw',
      tag: 'messaging',
      summary: 'The RFC 5322 source of an email as sent',
      access: 'runs:read',
      params: IdParams,
      responses: {
        200: { description: 'message source', contentType: 'message/rfc822' },
        404: { description: 'not found, or not an email' },
      },
      handler: async ({ principal, params, res }) => {
        const message = await getMessage(deps.db, principal, params.id);
        if (!message.raw) throw new NotFoundError('raw source of message', params.id);
        // Served as text so a browser shows it instead of downloading it.
        res.status(200).type('text/plain; charset=utf-8').send(message.raw);
        return { raw: true };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/outbox/:id/reply',
      tag: 'messaging',
      summary: 'Simulate a reply from the recipient (development): feeds the reply intake like a real one',
      access: 'runs:manage',
      // Anyone with runs:manage could otherwise fake replies that move real runs and mark real contacts.
      developmentOnly: true,
      params: IdParams,
      body: SimulateReplySchema,
      responses: {
        202: { description: 'the reply was recorded and signalled to the run', schema: MessageViewSchema },
        404: { description: 'not found' },
      },
      handler: async ({ principal, params, body }) => {
        const message = await getMessage(deps.db, principal, params.id);
        if (message.channel !== 'email' || !message.rfcMessageId) {
          throw new UserError('not_an_email', 'only a sent email can be replied to', { field: 'id' });
        }
        await intakeInboundEmail(deps.db, deps.signalRun, {
          from: body.from ?? message.to,
          subject: `Re: ${message.subject ?? ''}`,
          text: body.text,
          inReplyTo: `<${message.rfcMessageId}>`,
        });
        const stored = await findMessageById(deps.db, params.id);
        const { html: _html, raw: _raw, ...view } = await getMessage(deps.db, principal, stored!.id);
        return { status: 202, body: view };
      },
    }),
  ];
}
