import { z } from 'zod';
import {
  MessageDetailSchema,
  NotFoundError,
  OutboxPageSchema,
  OutboxQuerySchema,
  SimulateReplySchema,
  SimulatedReplySchema,
  UserError,
} from '@cadenza/core';
import { findMessageById, getMailbox, getMessage, listMessages, type DataSource } from '@cadenza/data';
import {
  emailSimulatedReply,
  intakeInboundEmail,
  replyAddressOf,
  simulatedReplySubject,
  startMailboxSync,
  type SignalRun,
} from '@cadenza/services/messaging';
import type { EgressGuard } from '@cadenza/services/net';
import type { Client } from '@temporalio/client';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const IdParams = z.object({ id: z.uuid().describe('message id') });

/**
 * What the tenant's flows sent (every channel), as rendered HTML and as raw source, plus a reply
 * simulator (development): the reply is emailed through the SMTP sink to the sending mailbox when
 * that mailbox listens (the sink delivers it into the local IMAP server and the mailbox sync reads
 * it), and goes straight to the reply intake only when no mailbox would ever read it.
 */
export function outboxRoutes(deps: {
  db: DataSource;
  signalRun: SignalRun;
  /** The development SMTP sink the contact's reply is emailed through. */
  sink: { host: string; port: number };
  egress: EgressGuard;
  temporal: Client;
  taskQueue: string;
}): ApiRoute[] {
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
      summary:
        'Simulate a reply from the recipient (development): emailed to the sending mailbox when it listens, else fed to the reply intake',
      access: 'replies:simulate',
      // Anyone could otherwise fake replies that move real runs and mark real contacts.
      developmentOnly: true,
      params: IdParams,
      body: SimulateReplySchema,
      responses: {
        202: {
          description: 'the reply was emailed to the listening mailbox, or recorded and signalled to the run',
          schema: SimulatedReplySchema,
        },
        404: { description: 'not found' },
      },
      handler: async ({ principal, params, body }) => {
        const message = await getMessage(deps.db, principal, params.id);
        if (message.channel !== 'email' || !message.rfcMessageId) {
          throw new UserError('not_an_email', 'only a sent email can be replied to', { field: 'id' });
        }
        const stored = await findMessageById(deps.db, params.id);
        const mailbox = stored?.mailbox_id ? await getMailbox(deps.db, principal.tenantId, stored.mailbox_id) : null;
        const from = body.from ?? message.to;
        const { html: _html, raw: _raw, ...view } = message;
        if (mailbox?.imap) {
          const replyTo = replyAddressOf({ raw: message.raw, mailboxAddress: mailbox.fromAddress });
          await emailSimulatedReply(
            { sink: deps.sink, egress: deps.egress },
            { rfcMessageId: message.rfcMessageId, to: message.to, subject: message.subject, raw: message.raw },
            { from, to: replyTo, text: body.text, automatic: body.automatic },
          );
          // Read now rather than at the next poll; the run moves when the sync has matched it.
          await startMailboxSync(
            { temporal: deps.temporal, taskQueue: deps.taskQueue },
            { tenantId: principal.tenantId, mailboxId: mailbox.id },
          );
          return { status: 202, body: { ...view, replyPath: 'mailbox' as const, replyTo } };
        }
        await intakeInboundEmail(deps.db, deps.signalRun, {
          from,
          subject: simulatedReplySubject(message.subject, body.automatic),
          text: body.text,
          headers: body.automatic ? 'Auto-Submitted: auto-replied' : null,
          inReplyTo: `<${message.rfcMessageId}>`,
        });
        const { html: _h, raw: _r, ...after } = await getMessage(deps.db, principal, params.id);
        return { status: 202, body: { ...after, replyPath: 'intake' as const, replyTo: null } };
      },
    }),
  ];
}
