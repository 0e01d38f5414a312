import type { EntityManager } from 'typeorm';
import { queryRows } from '../crm/crm-write';
import { keepSuppressionsAsKeys } from '../messaging/suppressions';
import type { ErasureSubject } from './erasure-subject';

export interface DeliveryErasure {
  /** Messages kept as anonymised delivery records. */
  messages: number;
  /** Opens, clicks, replies and bounces of those messages whose data (reply text, link, sender) was blanked. */
  messageEvents: number;
  /** Copies the development SMTP sink received of those messages, deleted. */
  sinkMessages: number;
  /** Suppression entries kept as a hash of the address. */
  suppressions: number;
}

/**
 * Every message sent to the contact, by address or by run, with what it was sent to: SMS go
 * to the phone, emails to an address that may since have changed on the contact.
 */
async function messagesOf(manager: EntityManager, subject: ErasureSubject) {
  return queryRows<{ id: string; to_address: string; rfc_message_id: string | null }>(
    manager,
    `SELECT id, to_address, rfc_message_id FROM messages
     WHERE tenant_id = $1 AND (contact_id = $2::text OR enrollment_id = ANY($3::uuid[]))
     FOR UPDATE`,
    [subject.tenantId, subject.contactId, subject.enrollmentIds],
  );
}

/**
 * The sent messages stay as what a business may keep of a delivery (id, tenant, channel,
 * provider, status, its timestamps, the run and the Message-ID a late bounce is matched by);
 * recipient, subject, bodies, raw source with its headers, the provider's reason (which quotes
 * the address) and the link to the contact go. Their events keep kind and time only. The
 * development SMTP sink stores its copies in this database, so they go in the same transaction;
 * they are found by Message-ID, which keeps the delete within the tenant (the sink has none).
 * In production the sink receives nothing and this finds nothing.
 */
export async function eraseDeliveryRecords(manager: EntityManager, subject: ErasureSubject): Promise<DeliveryErasure> {
  const messages = await messagesOf(manager, subject);
  const suppressions = await keepSuppressionsAsKeys(manager, subject.tenantId, [
    ...subject.addresses,
    ...messages.map((m) => m.to_address),
  ]);
  if (messages.length === 0) return { messages: 0, messageEvents: 0, sinkMessages: 0, suppressions };
  const ids = messages.map((m) => m.id);
  await manager.query(
    `UPDATE messages SET contact_id = NULL, to_address = '', subject = NULL, html = NULL, text = NULL, raw = NULL,
       status_reason = NULL, updated_at = now()
     WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [subject.tenantId, ids],
  );
  const messageEvents = (
    await queryRows<{ id: string }>(
      manager,
      `UPDATE message_events SET data = '{}'::jsonb
       WHERE tenant_id = $1 AND message_id = ANY($2::uuid[]) AND data <> '{}'::jsonb RETURNING id`,
      [subject.tenantId, ids],
    )
  ).length;
  const rfcIds = messages.flatMap((m) => (m.rfc_message_id ? [m.rfc_message_id] : []));
  const sinkMessages = (
    await queryRows<{ id: string }>(
      manager,
      `DELETE FROM smtp_sink_messages WHERE message_id = ANY($1::text[]) RETURNING id`,
      [rfcIds],
    )
  ).length;
  return { messages: messages.length, messageEvents, sinkMessages, suppressions };
}
