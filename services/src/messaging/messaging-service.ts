import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  MessageChannel,
  MessageProvider,
  MessageStatus,
  SenderChoice,
  TimelineEntryCreate,
  SendLimits,
} from '@cadenza/core';
import { CrmWrite } from '@cadenza/data';
import { findMessageByKey, insertMessage, markMessageSent, type NewMessage } from '@cadenza/data';
import { suppressionOf } from '@cadenza/data';
import { providersForSending } from '@cadenza/data';
import { composeEmail } from './compose-email';
import { replySubject } from './email-thread';
import { resolveSender, type ResolvedSender, type SenderRequest } from './sender-resolution';
import { htmlToText } from './html-to-text';
import { domainOf, messageIdFor } from './message-id';
import type { MessagingSettings } from './messaging-settings';
import { sendWithSendgrid } from './sendgrid-send';
import { sendWithMailApi } from './mail-api/mail-api-send';
import {
  isThrottleUnavailable,
  retryAfter,
  SendThrottled,
  takeSendSlot,
  THROTTLE_UNAVAILABLE_WAIT_MS,
} from './send-throttle';
import { postToSlack } from './slack-send';
import { SINK_FROM_ADDRESS } from './template-context';
import { sendOverSmtp } from './smtp-send';
import { addTracking, unsubscribeUrl } from './tracking-html';
import { sendWithTwilio } from './twilio-send';
import type { EgressGuard } from '../net';

export interface MessagingDependencies {
  db: DataSource;
  /** The process's messaging settings, parsed at boot (the worker's config) or by a test. */
  settings: MessagingSettings;
  /** For the cross-worker throttle; made from REDIS_URL when not given (none: no throttle). */
  redis?: Redis;
  /** Every provider call and SMTP connection goes through it. */
  egress: EgressGuard;
}

interface Origin {
  tenantId: string;
  idempotencyKey: string;
  enrollmentId: string | null;
  contactId: string | null;
}

export interface EmailRequest extends Origin {
  to: string;
  subject: string;
  /** Rendered HTML body, before tracking. */
  html: string;
  fromName?: string;
  replyTo?: string;
  trackOpens: boolean;
  trackClicks: boolean;
  /** Answer the previous email of the same run to the same address, in its thread (and from its mailbox). */
  threadWithPrevious?: boolean;
  /** Who sends; omitted: the workspace default. */
  sender?: SenderChoice;
  /** The sender already decided (chooseSender), so what was rendered for it is what is sent. */
  resolved?: ResolvedSender;
}

export interface SendOutcome {
  messageId: string;
  channel: MessageChannel;
  provider: MessageProvider;
  status: MessageStatus;
  to: string;
  rfcMessageId?: string | null;
  reason?: string;
  /** False when the key was already used: the earlier message stands. */
  performed: boolean;
}

/**
 * Sends messages, each at most once per idempotency key: the message row (unique key) is
 * written in the caller's transaction together with the flow's side-effect claim, the
 * provider call carries the key, and a suppressed address is recorded as skipped.
 */
export function createMessagingService(deps: MessagingDependencies) {
  const egress = () => deps.egress;
  let redis = deps.redis;
  const redisNow = () => {
    const url = deps.settings.redisUrl;
    if (!redis && url) {
      const client = new Redis(url, { maxRetriesPerRequest: 2 });
      // The throttle's connection must not keep a worker (or a test run) alive on its own.
      client.on('ready', () => (client as unknown as { stream?: { unref?: () => void } }).stream?.unref?.());
      // A lost Redis fails the send commands themselves (the activity retries, nothing goes out
      // unthrottled); the connection's own error events would only repeat that in the log.
      client.on('error', () => undefined);
      redis = client;
    }
    return redis ?? null;
  };

  const timeline = async (manager: EntityManager, origin: Origin, entry: TimelineEntryCreate) => {
    if (!origin.contactId) return;
    const write = new CrmWrite(manager, {
      tenantId: origin.tenantId,
      userId: null,
      role: 'admin',
      via: 'api_key',
      actor: origin.enrollmentId ? { kind: 'workflow', id: origin.enrollmentId } : { kind: 'system', id: null },
    });
    await write.timeline(origin.contactId, entry);
  };

  const existing = async (manager: EntityManager, key: string): Promise<SendOutcome | null> => {
    const found = await findMessageByKey(manager, key);
    if (!found) return null;
    return {
      messageId: found.id,
      channel: found.channel,
      provider: found.provider,
      status: found.status,
      to: found.to_address,
      rfcMessageId: found.rfc_message_id,
      performed: false,
    };
  };

  /** Records a send that must not happen because the address is suppressed. */
  const suppressed = async (
    manager: EntityManager,
    message: Omit<NewMessage, 'status' | 'statusReason'>,
    reason: string,
  ): Promise<SendOutcome> => {
    const id = randomUUID();
    await insertMessage(manager, { ...message, id, status: 'suppressed', statusReason: reason });
    return {
      messageId: id,
      channel: message.channel,
      provider: message.provider,
      status: 'suppressed',
      to: message.to,
      reason,
      performed: true,
    };
  };

  const throttle = async (mailboxKey: string, limits: SendLimits) => {
    const client = redisNow();
    if (!client) return;
    let slot: Awaited<ReturnType<typeof takeSendSlot>>;
    try {
      slot = await takeSendSlot(client, mailboxKey, limits);
    } catch (error) {
      if (!isThrottleUnavailable(error)) throw error;
      // Without Redis nobody knows the mailbox's count: wait (durably, in the workflow, using
      // no retry attempt) rather than send unthrottled or fail the step during an outage.
      const until = new Date(Date.now() + retryAfter(THROTTLE_UNAVAILABLE_WAIT_MS));
      throw new SendThrottled(until, mailboxKey, 'unavailable', limits);
    }
    // Never over the limit and never dropped: the caller waits for the next free slot and sends then.
    if (!slot.ok) {
      throw new SendThrottled(new Date(Date.now() + retryAfter(slot.retryInMs)), mailboxKey, slot.limit, limits);
    }
  };

  return {
    /**
     * Who sends this email: the flow's choice (owner, chosen mailbox, pool) or the thread's
     * mailbox, decided once (sender-resolution.ts); a send_email renders {{sender.*}} for it.
     */
    chooseSender(manager: EntityManager, request: SenderRequest): Promise<ResolvedSender> {
      return resolveSender(manager, deps.settings.secretKey, redisNow(), request);
    },

    async sendEmail(manager: EntityManager, request: EmailRequest): Promise<SendOutcome> {
      const done = await existing(manager, request.idempotencyKey);
      if (done) return done;
      const config = deps.settings;
      const sender = request.resolved ?? (await resolveSender(manager, config.secretKey, redisNow(), request));
      const { mailbox, parent } = sender;
      const provider: MessageProvider = mailbox ? mailbox.kind : 'sink';
      const fromAddress = mailbox?.fromAddress ?? SINK_FROM_ADDRESS;
      const from = { name: request.fromName ?? mailbox?.fromName ?? null, address: fromAddress };
      const subject = parent ? replySubject(parent.subject) : request.subject;
      const base = {
        tenantId: request.tenantId,
        idempotencyKey: request.idempotencyKey,
        enrollmentId: request.enrollmentId,
        contactId: request.contactId,
        channel: 'email' as const,
        provider,
        mailboxId: mailbox?.id ?? null,
        from: fromAddress,
        to: request.to,
        subject,
        senderSource: sender.source,
        senderFallback: sender.fallback,
      };
      const reason = await suppressionOf(manager, request.tenantId, request.to);
      if (reason) {
        return suppressed(manager, { ...base, rfcMessageId: null, html: request.html, text: null, raw: null }, reason);
      }
      await throttle(mailbox?.id ?? 'sink', mailbox?.limits ?? config.sink.limits);

      const id = randomUUID();
      const rfcMessageId = messageIdFor(request.idempotencyKey, domainOf(fromAddress));
      const tracking = config.trackingSecret;
      const html = tracking
        ? addTracking(request.html, {
            secret: tracking,
            baseUrl: config.publicBaseUrl,
            messageId: id,
            opens: request.trackOpens,
            clicks: request.trackClicks,
          })
        : request.html;
      const email = {
        from,
        to: request.to,
        ...(request.replyTo ? { replyTo: request.replyTo } : {}),
        subject,
        html,
        text: htmlToText(request.html),
        rfcMessageId,
        idempotencyKey: request.idempotencyKey,
        unsubscribeUrl: tracking ? unsubscribeUrl(tracking, config.publicBaseUrl, id) : null,
        ...(parent ? { thread: { inReplyTo: parent.inReplyTo, references: parent.references } } : {}),
      };
      const raw = await composeEmail(email);
      await insertMessage(manager, { ...base, id, rfcMessageId, html, text: email.text, raw, status: 'queued' });

      let providerMessageId: string | null = rfcMessageId;
      if (mailbox?.kind === 'gmail' || mailbox?.kind === 'microsoft') {
        // The raw message we composed, so Message-ID, threading and List-Unsubscribe stay ours.
        ({ providerMessageId } = await sendWithMailApi(
          { db: deps.db, secretKey: config.secretKey, egress: egress(), oauth: config.mailOAuth },
          { tenantId: request.tenantId, mailboxId: mailbox.id },
          { raw, rfcMessageId, thread: email.thread },
        ));
      } else if (mailbox?.kind === 'sendgrid') {
        ({ providerMessageId } = await sendWithSendgrid(
          config.sendgridBaseUrl,
          mailbox.secret ?? '',
          email,
          egress().fetch,
        ));
      } else {
        const server = mailbox
          ? {
              host: mailbox.host ?? 'localhost',
              port: mailbox.port ?? 587,
              secure: mailbox.secure,
              user: mailbox.username,
              password: mailbox.secret,
            }
          : { host: config.sink.host, port: config.sink.port, secure: false, plain: true };
        await sendOverSmtp(server, { from: fromAddress, to: request.to }, raw, egress());
      }
      await markMessageSent(manager, id, providerMessageId);
      await timeline(manager, request, {
        kind: 'email_sent',
        summary: `Email sent: ${subject}`.slice(0, 500),
        data: { messageId: id, subject, to: request.to, provider },
      });
      return {
        messageId: id,
        channel: 'email',
        provider,
        status: 'sent',
        to: request.to,
        rfcMessageId,
        performed: true,
      };
    },

    async sendSms(manager: EntityManager, request: Origin & { to: string; body: string }): Promise<SendOutcome> {
      const done = await existing(manager, request.idempotencyKey);
      if (done) return done;
      const config = deps.settings;
      // The tenant's own account first, then the environment's, else the outbox.
      const own = (await providersForSending(manager, config.secretKey, request.tenantId)).twilio;
      const twilio = own ? { baseUrl: config.twilioBaseUrl, ...own } : config.twilio;
      const provider: MessageProvider = twilio ? 'twilio' : 'outbox';
      const base = {
        tenantId: request.tenantId,
        idempotencyKey: request.idempotencyKey,
        enrollmentId: request.enrollmentId,
        contactId: request.contactId,
        channel: 'sms' as const,
        provider,
        mailboxId: null,
        rfcMessageId: null,
        from: twilio?.from ?? null,
        to: request.to,
        subject: null,
        html: null,
        text: request.body,
        raw: null,
      };
      const reason = await suppressionOf(manager, request.tenantId, request.to);
      if (reason) return suppressed(manager, base, reason);
      const id = randomUUID();
      await insertMessage(manager, { ...base, id, status: 'queued' });
      const sent = twilio
        ? await sendWithTwilio(
            twilio,
            { to: request.to, body: request.body, idempotencyKey: request.idempotencyKey },
            egress().fetch,
          )
        : { providerMessageId: null };
      await markMessageSent(manager, id, sent.providerMessageId);
      return { messageId: id, channel: 'sms', provider, status: 'sent', to: request.to, performed: true };
    },

    async postSlack(manager: EntityManager, request: Origin & { channel: string; text: string }): Promise<SendOutcome> {
      const done = await existing(manager, request.idempotencyKey);
      if (done) return done;
      const config = deps.settings;
      const own = (await providersForSending(manager, config.secretKey, request.tenantId)).slackWebhookUrl;
      const webhook = own ?? config.slackWebhookUrl;
      const provider: MessageProvider = webhook ? 'slack' : 'outbox';
      const id = randomUUID();
      await insertMessage(manager, {
        id,
        tenantId: request.tenantId,
        idempotencyKey: request.idempotencyKey,
        enrollmentId: request.enrollmentId,
        contactId: request.contactId,
        channel: 'slack',
        provider,
        mailboxId: null,
        rfcMessageId: null,
        from: null,
        to: request.channel,
        subject: null,
        html: null,
        text: request.text,
        raw: null,
        status: 'queued',
      });
      if (webhook) {
        await postToSlack(
          webhook,
          { channel: request.channel, text: request.text, idempotencyKey: request.idempotencyKey },
          egress().fetch,
        );
      }
      await markMessageSent(manager, id, null);
      return { messageId: id, channel: 'slack', provider, status: 'sent', to: request.channel, performed: true };
    },

    close() {
      redis?.disconnect();
    },
  };
}

export type MessagingService = ReturnType<typeof createMessagingService>;
