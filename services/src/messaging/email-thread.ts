import type { EntityManager } from 'typeorm';
import { headerOf } from './smtp-sink';
import { referencedMessageIds } from './message-id';

/** How far back References go: enough for any mail client to thread, bounded for long sequences. */
const MAX_REFERENCES = 20;

/** What a follow-up needs to answer in the thread of the email before it. */
export interface ThreadParent {
  subject: string;
  inReplyTo: string;
  references: string[];
  /** The mailbox it went from: null for the built-in sender, or one since removed (`mailboxRemoved`). */
  mailboxId: string | null;
  mailboxRemoved: boolean;
}

/** "Re: " once, however many times the thread was answered. */
export const replySubject = (subject: string) => (/^\s*re:/i.test(subject) ? subject.trim() : `Re: ${subject.trim()}`);

/**
 * The previous email this run sent to this address, as the parent of a follow-up in the same
 * thread: its subject, its Message-ID, and the References it carried plus its own. Null when the
 * run has sent none yet (the follow-up then starts the thread).
 */
export async function threadParentOf(
  manager: EntityManager,
  origin: { tenantId: string; enrollmentId: string | null; idempotencyKey: string },
  to: string,
): Promise<ThreadParent | null> {
  if (!origin.enrollmentId) return null;
  const rows = (await manager.query(
    `SELECT subject, rfc_message_id, raw, mailbox_id, provider FROM messages
     WHERE tenant_id = $1 AND enrollment_id = $2 AND channel = 'email' AND lower(to_address) = lower($3)
       AND rfc_message_id IS NOT NULL AND idempotency_key <> $4 AND status NOT IN ('queued', 'failed', 'suppressed')
     ORDER BY created_at DESC LIMIT 1`,
    [origin.tenantId, origin.enrollmentId, to, origin.idempotencyKey],
  )) as Array<{
    subject: string | null;
    rfc_message_id: string;
    raw: string | null;
    mailbox_id: string | null;
    provider: string;
  }>;
  const parent = rows[0];
  if (!parent) return null;
  return {
    subject: parent.subject ?? '',
    inReplyTo: parent.rfc_message_id,
    references: threadReferences({ rfcMessageId: parent.rfc_message_id, raw: parent.raw }),
    mailboxId: parent.mailbox_id,
    // A removed mailbox leaves mailbox_id NULL (ON DELETE SET NULL); the sink never had one.
    mailboxRemoved: parent.mailbox_id === null && parent.provider !== 'sink',
  };
}

/** The References of an answer to this email: the ones it carried, then its own Message-ID (bounded). */
export function threadReferences(parent: { rfcMessageId: string; raw: string | null }): string[] {
  const earlier = referencedMessageIds(parent.raw ? headerOf(parent.raw, 'References') : null);
  return [...earlier, parent.rfcMessageId].slice(-MAX_REFERENCES);
}
