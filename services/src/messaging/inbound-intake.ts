import type { DataSource, EntityManager } from 'typeorm';
import type { InboundEvent, TimelineEntryCreate } from '@cadenza/core';
import { CrmWrite } from '@cadenza/data';
import { findMessagesByRfcIds, recordMessageEvent, type MessageEventKind, type StoredMessage } from '@cadenza/data';
import { suppressAddress } from '@cadenza/data';
import { referencedMessageIds } from './message-id';

/** Delivers an inbound event to a run (the API passes its Temporal client's signal). */
export type SignalRun = (workflowId: string, event: InboundEvent) => Promise<void>;

const TIMELINE: Record<
  MessageEventKind,
  (message: StoredMessage, data: Record<string, unknown>) => TimelineEntryCreate
> = {
  open: (m) => ({
    kind: 'email_opened',
    summary: `Email opened: ${m.subject ?? ''}`.slice(0, 500),
    data: { messageId: m.id },
  }),
  click: (m, data) => ({
    kind: 'email_clicked',
    summary: `Link clicked: ${String(data.url)}`.slice(0, 500),
    data: { messageId: m.id, url: data.url },
  }),
  reply: (m, data) => ({
    kind: 'email_replied',
    summary: `Replied: ${
      String(data.text ?? '')
        .replace(/\s+/g, ' ')
        .slice(0, 200) ||
      m.subject ||
      ''
    }`.slice(0, 500),
    data: { messageId: m.id, text: String(data.text ?? '').slice(0, 5000) },
  }),
  unsubscribe: (m) => ({
    kind: 'note',
    summary: `Unsubscribed from email (${m.to_address})`,
    data: { messageId: m.id },
  }),
  bounce: (m, data) => ({
    kind: 'note',
    summary: `Email bounced: ${String(data.reason ?? 'undeliverable')}`.slice(0, 500),
    data: { messageId: m.id, reason: data.reason },
  }),
  auto_reply: (m, data) => ({
    kind: 'note',
    summary: `Automatic reply (out of office): ${String(data.subject ?? m.subject ?? '')}`.slice(0, 500),
    data: { messageId: m.id, text: String(data.text ?? '').slice(0, 5000) },
  }),
  soft_bounce: (m, data) => ({
    kind: 'note',
    summary: `Email not delivered yet (soft bounce): ${String(data.reason ?? 'temporary failure')}`.slice(0, 500),
    data: { messageId: m.id, reason: data.reason, status: data.status ?? null },
  }),
};

/**
 * What the run hears of each event. An automatic reply reaches it as its own kind (reply triage
 * reads it: out of office pauses the run); no rule treats it as the contact answering.
 */
const EVENT_OF: Record<MessageEventKind, (m: StoredMessage, data: Record<string, unknown>) => InboundEvent | null> = {
  open: (m) => ({ kind: 'open', messageId: m.id }),
  click: (_m, data) => ({ kind: 'click', url: String(data.url) }),
  reply: (m) => ({ kind: 'reply', messageId: m.id }),
  unsubscribe: () => ({ kind: 'unsubscribe' }),
  bounce: () => ({ kind: 'bounce' }),
  auto_reply: (m) => ({ kind: 'auto_reply', messageId: m.id }),
  // A temporary failure: the sending server retries; only a hard bounce (or repeated soft ones) tells the run.
  soft_bounce: () => null,
};

/** The signal an event sends to its run, or null when the run is not told (soft bounces). */
export const inboundEventFor = (message: StoredMessage, kind: MessageEventKind, data: Record<string, unknown> = {}) =>
  EVENT_OF[kind](message, data);

/**
 * Records an event inside the caller's transaction (see recordInboundEvent) and answers whether
 * it is worth telling the run and which run that is; the caller signals after its commit.
 */
export async function recordInboundEventIn(
  manager: EntityManager,
  message: StoredMessage,
  kind: MessageEventKind,
  data: Record<string, unknown> = {},
): Promise<{ first: boolean; workflowId: string | null }> {
  const recorded = await recordMessageEvent(manager, message, kind, data);
  if (kind === 'unsubscribe')
    await suppressAddress(manager, message.tenant_id, message.to_address, 'unsubscribed', message.id);
  if (kind === 'bounce') await suppressAddress(manager, message.tenant_id, message.to_address, 'bounced', message.id);
  const worthTelling = recorded.first || kind === 'click' || kind === 'reply';
  if (worthTelling && message.contact_id) {
    const write = new CrmWrite(manager, {
      tenantId: message.tenant_id,
      userId: null,
      role: 'admin',
      via: 'api_key',
      actor: { kind: 'system', id: null },
    });
    const entry = TIMELINE[kind](message, data);
    const entryId = await write.timeline(message.contact_id, entry);
    // Screens showing the contact learn of the new timeline entry through its live room.
    write.event('contact.timeline_added', 'contact', message.contact_id, { entryId, kind: entry.kind });
    await write.flush();
  }
  const runs =
    message.enrollment_id && EVENT_OF[kind](message, data)
      ? ((await manager.query(
          `SELECT workflow_id FROM flow_runs WHERE enrollment_id = $1 AND tenant_id = $2 AND ended_at IS NULL`,
          [message.enrollment_id, message.tenant_id],
        )) as Array<{ workflow_id: string }>)
      : [];
  return { first: worthTelling, workflowId: runs[0]?.workflow_id ?? null };
}

/**
 * Records what a contact did with a message (open, click, unsubscribe, reply, bounce): on
 * the message, on the contact's timeline and, for unsubscribes and bounces, on the
 * suppression list, in one transaction; then signals the run that sent it, if it is still
 * going. Repeated opens are counted but reach the timeline and the run once.
 */
export async function recordInboundEvent(
  db: DataSource,
  signalRun: SignalRun,
  message: StoredMessage,
  kind: MessageEventKind,
  data: Record<string, unknown> = {},
): Promise<{ first: boolean; signalled: boolean }> {
  const { first, workflowId } = await db.transaction((manager) => recordInboundEventIn(manager, message, kind, data));
  const event = EVENT_OF[kind](message, data);
  if (!first || !workflowId || !event) return { first, signalled: false };
  await signalRun(workflowId, event);
  return { first, signalled: true };
}

export interface InboundEmail {
  from?: string;
  subject?: string;
  text?: string;
  inReplyTo?: string | null;
  references?: string | null;
  /** Full headers block, when the provider gives them as one text (SendGrid Inbound Parse). */
  headers?: string | null;
}

const BOUNCE_SENDER = /mailer-daemon|postmaster/i;
const BOUNCE_SUBJECT = /undeliver|delivery status notification|returned mail|delivery failure|failure notice/i;

/**
 * Matches an inbound email to the message it answers (In-Reply-To, References, or for a
 * bounce report any Message-ID quoted in its text) and records a reply or a bounce.
 */
export async function intakeInboundEmail(
  db: DataSource,
  signalRun: SignalRun,
  email: InboundEmail,
): Promise<{ matched: StoredMessage | null; kind: 'reply' | 'bounce' | null; referencedIds: string[] }> {
  const header = (name: string) => {
    const unfolded = (email.headers ?? '').replace(/\r?\n[ \t]+/g, ' ');
    return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded)?.[1] ?? null;
  };
  const bounce = BOUNCE_SENDER.test(email.from ?? '') || BOUNCE_SUBJECT.test(email.subject ?? '');
  const ids = referencedMessageIds(
    email.inReplyTo ?? header('In-Reply-To'),
    email.references ?? header('References'),
    bounce ? email.text : null,
  );
  const [matched] = await findMessagesByRfcIds(db, ids);
  if (!matched) return { matched: null, kind: null, referencedIds: ids };
  const kind = bounce ? 'bounce' : 'reply';
  await recordInboundEvent(db, signalRun, matched, kind, {
    from: email.from,
    subject: email.subject,
    ...(bounce ? { reason: (email.subject ?? 'undeliverable').slice(0, 200) } : { text: email.text ?? '' }),
  });
  return { matched, kind, referencedIds: ids };
}
