import type { DataSource } from 'typeorm';
import {
  findTenantMessagesByRfcIds,
  markMailboxImportSignalled,
  recentEmailFromMailboxTo,
  setMailboxImportRun,
  softBounceDays,
  type StoredMessage,
  type SyncingMailbox,
} from '@cadenza/data';
import { recordInboundEventIn, type SignalRun } from '../inbound-intake';
import { referencedMessageIds } from '../message-id';
import { judgeReport, type DeliveryReport, type RecipientVerdict } from './delivery-report';
import type { InboundMessage, InboundVia } from './import-message';
import { claimImportIn } from './import-record';
import { isDuplicateImport, type InboundContent } from './inbound-content';

/**
 * "Retry later", as Cadenza means it. A soft bounce (a 4.x.x status, Action: delayed, or a
 * 5.x.x refusal of the message rather than the address) changes nothing about the contact:
 * the sending server keeps retrying that email on its own schedule (Postfix and Exim for up to
 * 5 days), Cadenza does not resend it, and the flow's next email goes out as planned. It is
 * recorded on the message and the contact's timeline, and counted: an address whose mail
 * soft-bounced on SOFT_BOUNCE_DAYS_TO_HARD different days (by when each report arrived)
 * within SOFT_BOUNCE_WINDOW_DAYS, with no sign since the first of them that the address works
 * (a reply, an automatic reply, an open or a click on mail to it, a report saying "delivered"),
 * is treated as a hard bounce at the last one: suppressed, the message marked bounced, the run
 * told. A dead server's delay warnings (4 hours, 1 day, then the final 4.4.7) get there by
 * themselves; a one-day outage does not.
 */
export const SOFT_BOUNCE_DAYS_TO_HARD = 3;
export const SOFT_BOUNCE_WINDOW_DAYS = 14;

/** A report that quotes no Message-ID of ours is matched by recipient to mail this mailbox sent this recently. */
const MATCH_BY_RECIPIENT_DAYS = 30;

const sameAddress = (a: string | null | undefined, b: string | null | undefined) =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/**
 * The email of ours a report is about, and what it says of that email's recipient:
 * 1. a message named by the report's Message-IDs (the returned headers first, then Gmail's
 *    X-Original-Message-ID, then the report's own In-Reply-To/References) whose recipient the
 *    report speaks of;
 * 2. a message named by them whose recipient the report does not name (a forward that
 *    bounced further on, or no recipient given): the report's worst verdict;
 * 3. the latest email this mailbox sent, within MATCH_BY_RECIPIENT_DAYS, to a recipient the
 *    report names (Final-Recipient, Original-Recipient), then to the returned headers' To.
 * Null when it is about none of ours (the rep's own mail bounced: left alone).
 */
export async function matchReport(
  db: DataSource,
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  report: DeliveryReport,
): Promise<{ message: StoredMessage; verdict: RecipientVerdict } | null> {
  const verdicts = judgeReport(report);
  const ids = report.originalMessageIds.slice(0, 50);
  const named = (await findTenantMessagesByRfcIds(db, mailbox.tenantId, ids))
    .filter((message) => message.channel === 'email')
    .sort((a, b) => ids.indexOf(a.rfc_message_id ?? '') - ids.indexOf(b.rfc_message_id ?? ''));
  for (const verdict of verdicts) {
    const message = named.find(
      (m) => sameAddress(m.to_address, verdict.address) || sameAddress(m.to_address, verdict.originalAddress),
    );
    if (message) return { message, verdict };
  }
  const [first] = named;
  if (first) return { message: first, verdict: verdicts[0] ?? unstated(first.to_address) };
  for (const verdict of verdicts) {
    if (verdict.severity === 'delivered') continue;
    for (const address of [verdict.address, verdict.originalAddress]) {
      const message = address ? await sentTo(db, mailbox, address) : null;
      if (message) return { message, verdict: { ...verdict, address } };
    }
  }
  for (const address of report.originalTo) {
    const message = await sentTo(db, mailbox, address);
    if (message) return { message, verdict: verdicts[0] ?? unstated(address) };
  }
  return null;
}

const sentTo = (db: DataSource, mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>, address: string) =>
  recentEmailFromMailboxTo(db, {
    tenantId: mailbox.tenantId,
    mailboxId: mailbox.id,
    address,
    withinDays: MATCH_BY_RECIPIENT_DAYS,
  });

/** A report about our message that names no recipient and no status: a soft bounce, never a suppression on a guess. */
const unstated = (address: string): RecipientVerdict => ({
  address,
  originalAddress: null,
  severity: 'soft',
  status: null,
  reason: 'undeliverable (the report gives no status)',
});

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Imports a delivery report found in the mailbox. A hard bounce goes through the same path as
 * the provider webhooks' bounces (recordInboundEventIn: the message marked bounced, the
 * address suppressed, the timeline entry, the run found) and the run hears `bounce` once; a
 * soft bounce is a `soft_bounce` event on the message and the timeline, and the run hears
 * nothing (see SOFT_BOUNCE_DAYS_TO_HARD); a success report is recorded on the import only.
 * A report is never a reply, matched or not: true when this call imported it.
 */
export async function importDeliveryReport(
  deps: { db: DataSource; signalRun: SignalRun },
  mailbox: Pick<SyncingMailbox, 'id' | 'tenantId'>,
  entry: Omit<InboundMessage, 'source'>,
  content: InboundContent,
  report: DeliveryReport,
  via: InboundVia,
): Promise<boolean> {
  const { db } = deps;
  const { key } = entry;
  const match = await matchReport(db, mailbox, report);
  if (!match) return false;
  const { message, verdict } = match;
  const rfcMessageId = referencedMessageIds(entry.headers.get('message-id'))[0] ?? null;
  if (await isDuplicateImport(db, mailbox.id, rfcMessageId, content)) return false;
  const receivedAt = entry.receivedAt ?? new Date();
  const recent = receivedAt.getTime() > Date.now() - SOFT_BOUNCE_WINDOW_DAYS * 24 * 3600_000;
  const escalated =
    verdict.severity === 'soft' &&
    recent &&
    new Set([
      ...(await softBounceDays(db, {
        tenantId: mailbox.tenantId,
        address: message.to_address,
        windowDays: SOFT_BOUNCE_WINDOW_DAYS,
      })),
      utcDay(receivedAt),
    ]).size >= SOFT_BOUNCE_DAYS_TO_HARD;
  const kind =
    verdict.severity === 'hard' || escalated
      ? 'bounce'
      : verdict.severity === 'soft'
        ? 'soft_bounce'
        : 'delivery_report';
  // No address and no server words here: those are the contact's data, kept on the message event (erased with it).
  const detail = {
    severity: verdict.severity,
    status: verdict.status,
    shape: report.shape,
    ...(escalated ? { escalated: true } : {}),
  };
  const data = {
    reason: verdict.reason,
    status: verdict.status,
    recipient: verdict.address,
    from: entry.from,
    subject: entry.subject,
    via,
    mailboxId: mailbox.id,
    receivedAt: receivedAt.toISOString(),
  };
  const contentHash = await content.hash();
  const outcome = await db.transaction(async (manager) => {
    const claimed = await claimImportIn(manager, mailbox, key, {
      rfcMessageId,
      messageId: message.id,
      kind,
      detail,
      contentHash,
    });
    if (!claimed) return null;
    if (verdict.severity === 'delivered') return { workflowId: null };
    if (verdict.severity === 'soft') await recordInboundEventIn(manager, message, 'soft_bounce', data);
    if (kind !== 'bounce') return { workflowId: null };
    const reason = escalated
      ? `soft bounces on ${SOFT_BOUNCE_DAYS_TO_HARD} days: ${verdict.reason}`.slice(0, 500)
      : verdict.reason;
    const { first, workflowId } = await recordInboundEventIn(manager, message, 'bounce', { ...data, reason });
    // A message that bounced before (another report, the provider's webhook) has told its run already.
    if (!first || !workflowId) return { workflowId: null };
    await setMailboxImportRun(manager, mailbox.id, key, workflowId);
    return { workflowId };
  });
  if (!outcome) return false;
  if (outcome.workflowId) {
    await deps.signalRun(outcome.workflowId, { kind: 'bounce' });
    await markMailboxImportSignalled(db, mailbox.id, key);
  }
  return true;
}
