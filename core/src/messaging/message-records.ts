import { SENDER_SOURCES } from './sender-choice';
import { z } from 'zod';
import { pageOf } from '../crm/common';

export const MESSAGE_CHANNELS = ['email', 'sms', 'slack'] as const;
export const MessageChannelSchema = z.enum(MESSAGE_CHANNELS).describe('how the message travels');
export type MessageChannel = z.infer<typeof MessageChannelSchema>;

export const MESSAGE_PROVIDERS = [
  'smtp',
  'sendgrid',
  'gmail',
  'microsoft',
  'sink',
  'twilio',
  'slack',
  'outbox',
] as const;
export const MessageProviderSchema = z
  .enum(MESSAGE_PROVIDERS)
  .describe('who carried it: sink = the built-in SMTP server, outbox = kept locally because no provider is configured');
export type MessageProvider = z.infer<typeof MessageProviderSchema>;

/**
 * A message moves forward only (sent -> opened -> clicked -> replied); bounced and failed
 * end it, suppressed means it was never sent because the address is on the suppression list.
 */
export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'bounced',
  'failed',
  'suppressed',
] as const;
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES).describe('where the message is in its life');
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const MessageViewSchema = z.object({
  id: z.string().describe('message id'),
  channel: MessageChannelSchema,
  provider: MessageProviderSchema,
  status: MessageStatusSchema,
  statusReason: z.string().nullable().describe('why it was suppressed, bounced or failed'),
  sender: z
    .object({
      source: z
        .enum(SENDER_SOURCES)
        .describe("how the sender was chosen: the flow's choice, or 'thread' (the parent's mailbox)"),
      fallback: z
        .string()
        .nullable()
        .describe('why the choice fell back (e.g. the owner has no mailbox); null when it did not'),
    })
    .nullable()
    .describe('how the sending mailbox was chosen (emails sent by a flow)'),
  contactId: z.string().nullable(),
  enrollmentId: z.string().nullable().describe('the flow run that sent it, if any'),
  from: z.string().nullable(),
  to: z.string().describe('email address, phone number or Slack channel'),
  subject: z.string().nullable(),
  text: z.string().nullable().describe('plain-text part (the whole message for SMS and Slack)'),
  rfcMessageId: z.string().nullable().describe('RFC 5322 Message-ID of an email, without angle brackets'),
  providerMessageId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  clickedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  bouncedAt: z.string().nullable(),
});
export type MessageView = z.infer<typeof MessageViewSchema>;

export const MessageDetailSchema = MessageViewSchema.extend({
  html: z.string().nullable().describe('rendered HTML part as sent (tracking included)'),
});
export type MessageDetail = z.infer<typeof MessageDetailSchema>;

export const OutboxQuerySchema = z.object({
  channel: MessageChannelSchema.optional(),
  contactId: z.uuid().optional().describe('only messages to this contact'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1-200'),
  cursor: z.string().max(500).optional().describe('opaque cursor from the previous page (its nextCursor)'),
  before: z.iso.datetime().optional().describe('only messages created before this time'),
});
export type OutboxQuery = z.infer<typeof OutboxQuerySchema>;

/** One page of the outbox, newest first. */
export const OutboxPageSchema = pageOf(MessageViewSchema);

export const SimulateReplySchema = z.object({
  text: z.string().trim().min(1).max(10_000).describe('body of the simulated reply'),
  from: z.email().optional().describe('sender of the reply; defaults to the original recipient'),
  automatic: z
    .boolean()
    .default(false)
    .describe(
      'send it as an out-of-office responder does: "Automatic reply:" subject and Auto-Submitted: auto-replied',
    ),
});

export const SimulatedReplySchema = MessageViewSchema.extend({
  replyPath: z
    .enum(['mailbox', 'intake'])
    .describe(
      "mailbox: the reply was emailed to the sending mailbox, whose sync reads it like any reply (the run moves within seconds); intake: the email's mailbox does not listen, so the reply went straight to the reply intake",
    ),
  replyTo: z.string().nullable().describe('the address the reply was emailed to (mailbox path)'),
});
export type SimulatedReply = z.infer<typeof SimulatedReplySchema>;
