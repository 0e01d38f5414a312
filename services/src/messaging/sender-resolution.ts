import type { Redis } from 'ioredis';
import type { EntityManager } from 'typeorm';
import type { SenderChoice, SenderSource } from '@cadenza/core';
import {
  mailboxesForSending,
  mailboxForSending,
  ownMailboxForSending,
  poolMemberIds,
  type SendingMailbox,
} from '@cadenza/data';
import { threadParentOf, type ThreadParent } from './email-thread';
import { isThrottleUnavailable, sendSlotUsage } from './send-throttle';
import { decideSender, type MailboxLoad, type SenderFacts } from './sender-selection';

/** Who sends an email, decided: the mailbox (null: the built-in sender), how, and the thread it answers. */
export interface ResolvedSender {
  mailbox: SendingMailbox | null;
  source: SenderSource;
  fallback: string | null;
  /** The email a threaded follow-up answers; null when it starts a thread. */
  parent: ThreadParent | null;
}

export interface SenderRequest {
  tenantId: string;
  idempotencyKey: string;
  enrollmentId: string | null;
  contactId: string | null;
  to: string;
  sender?: SenderChoice;
  threadWithPrevious?: boolean;
}

/**
 * Gathers what decideSender needs for this request (only what its choice reads), decides,
 * and opens the chosen mailbox. Runs on the send's transaction, in the worker.
 */
export async function resolveSender(
  manager: EntityManager,
  secretKey: Buffer | null,
  redis: Redis | null,
  request: SenderRequest,
): Promise<ResolvedSender> {
  const choice = request.sender ?? { kind: 'workspace' };
  const parent = request.threadWithPrevious ? await threadParentOf(manager, request, request.to) : null;
  const facts: SenderFacts = {
    choice,
    ...(parent ? { thread: { mailboxId: parent.mailboxId, removed: parent.mailboxRemoved } } : {}),
  };
  const named = new Map<string, SendingMailbox>();
  const load = async (ids: readonly string[]) => {
    for (const mailbox of await mailboxesForSending(manager, secretKey, request.tenantId, ids))
      named.set(mailbox.id, mailbox);
  };
  if (parent?.mailboxId) await load([parent.mailboxId]);
  const threaded = parent?.mailboxId ? named.has(parent.mailboxId) : false;
  if (!threaded) {
    if (choice.kind === 'owner') {
      const owner = await contactOwnerOf(manager, request.tenantId, request.contactId);
      if (owner) {
        const own = await ownMailboxForSending(manager, secretKey, request.tenantId, owner);
        if (own) named.set(own.id, own);
        facts.ownerMailboxId = own?.id ?? null;
      }
    } else if (choice.kind === 'mailbox') {
      await load([choice.mailboxId]);
      // A flow names workspace mailboxes only (save checks it); one since made a user's own does not count.
      facts.chosenExists = named.get(choice.mailboxId)?.ownerUserId === null;
    } else if (choice.kind === 'pool') {
      const members = await poolMemberIds(manager, request.tenantId, choice.poolId);
      if (members) {
        await load(members);
        const present = members.filter((id) => named.has(id));
        facts.pool = {
          loads: await loadsOf(
            redis,
            present.map((id) => named.get(id)!),
          ),
          runMailboxId: await runMailboxOf(manager, request, present),
        };
      } else facts.pool = null;
    }
  }
  const decision = decideSender(facts);
  const mailbox =
    decision.mailboxId === 'builtin'
      ? null
      : decision.mailboxId === 'workspace_default'
        ? await mailboxForSending(manager, secretKey, request.tenantId)
        : (named.get(decision.mailboxId) ?? null);
  return { mailbox, source: decision.source, fallback: decision.fallback, parent };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The contact's owner, if that user is a member of the tenant (users are global). */
async function contactOwnerOf(manager: EntityManager, tenantId: string, contactId: string | null) {
  if (!contactId || !UUID.test(contactId)) return null;
  const rows = (await manager.query(
    `SELECT c.owner_id FROM contacts c
     JOIN memberships m ON m.user_id = c.owner_id AND m.tenant_id = c.tenant_id
     WHERE c.tenant_id = $1 AND c.id = $2::uuid`,
    [tenantId, contactId],
  )) as Array<{ owner_id: string }>;
  return rows[0]?.owner_id ?? null;
}

/** The pool member this run last sent from (a contact keeps its mailbox within a run). */
async function runMailboxOf(manager: EntityManager, request: SenderRequest, members: readonly string[]) {
  if (!request.enrollmentId || members.length === 0) return null;
  const rows = (await manager.query(
    `SELECT mailbox_id FROM messages
     WHERE tenant_id = $1 AND enrollment_id = $2 AND channel = 'email' AND mailbox_id = ANY($3::uuid[])
     ORDER BY created_at DESC LIMIT 1`,
    [request.tenantId, request.enrollmentId, members],
  )) as Array<{ mailbox_id: string }>;
  return rows[0]?.mailbox_id ?? null;
}

/**
 * Each member's use of its caps, from the send throttle. Without Redis nobody knows: every
 * member looks unused (the first is picked) and the throttle then makes the send wait.
 */
async function loadsOf(redis: Redis | null, mailboxes: readonly SendingMailbox[]): Promise<MailboxLoad[]> {
  const unknown = (mailbox: SendingMailbox): MailboxLoad => ({
    id: mailbox.id,
    limits: mailbox.limits,
    usedToday: 0,
    inLastMinute: 0,
    lastSentAt: null,
  });
  if (!redis) return mailboxes.map(unknown);
  try {
    return await Promise.all(
      mailboxes.map(async (mailbox) => ({ ...unknown(mailbox), ...(await sendSlotUsage(redis, mailbox.id)) })),
    );
  } catch (error) {
    if (!isThrottleUnavailable(error)) throw error;
    return mailboxes.map(unknown);
  }
}
