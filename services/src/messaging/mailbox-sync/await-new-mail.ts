import type { MailboxIdleInput, MailboxIdleResult } from '@cadenza/contracts';
import { mailboxForSync, mailboxKindOf, readSyncCursor } from '@cadenza/data';
import type { MailboxSyncDependencies } from './sync-mailbox';
import { idleUntilNewMail, type IdleOptions } from './imap-idle';

/**
 * The idle half of a mailbox's sync: loads the mailbox and its cursor, then waits in IMAP IDLE
 * (imap-idle.ts) until new mail, the bound, or the caller's abort. A deleted mailbox is `gone`;
 * a Gmail or Microsoft 365 mailbox has no IDLE (`no_idle`: the sync polls their APIs on its interval).
 */
export async function awaitNewMail(
  deps: Pick<MailboxSyncDependencies, 'db' | 'secretKey' | 'egress'>,
  input: MailboxIdleInput,
  wait: Pick<IdleOptions, 'heartbeat' | 'heartbeatMs' | 'signal'>,
): Promise<MailboxIdleResult> {
  const kind = await mailboxKindOf(deps.db, input.tenantId, input.mailboxId);
  if (kind === 'gmail' || kind === 'microsoft') return { status: 'no_idle' };
  const mailbox = await mailboxForSync(deps.db, deps.secretKey, input.tenantId, input.mailboxId);
  if (!mailbox) return { status: 'gone' };
  const cursor = await readSyncCursor(deps.db, mailbox.id);
  return idleUntilNewMail(mailbox, deps.egress, { ...wait, cursor, maxWaitMs: input.maxWaitMs });
}
