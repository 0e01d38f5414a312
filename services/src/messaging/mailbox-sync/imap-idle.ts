import type { ImapFlow } from 'imapflow';
import type { MailboxIdleResult } from '@cadenza/contracts';
import type { SyncCursor, SyncingMailbox } from '@cadenza/data';
import { EgressRefusedError, type EgressGuard } from '../../net';
import { connectImap } from './imap-connect';
import { isImapTrouble } from './imap-trouble';
import { planSync } from './sync-cursor';

export interface IdleOptions {
  /** Where the sync stands: mail past it is new at once (it arrived between the poll and the IDLE). */
  cursor: SyncCursor | null;
  /** The longest one IDLE lasts (RFC 2177 asks to re-IDLE within 29 minutes; the sync uses minutes). */
  maxWaitMs: number;
  /** Called every `heartbeatMs` while waiting, so a killed worker is noticed by its heartbeat timeout. */
  heartbeat: () => void;
  heartbeatMs: number;
  /** Ends the wait early (the activity was cancelled); answered as `quiet`. */
  signal?: AbortSignal;
  /** Opens the connection; connectImap unless a test says otherwise. */
  connect?: (mailbox: SyncingMailbox, egress: EgressGuard) => Promise<ImapFlow>;
}

/**
 * Waits on the mailbox's INBOX with IMAP IDLE until the server announces new mail or the bound
 * passes, on a connection of its own (egress-guarded like the poll's). A server without IDLE
 * in its CAPABILITY is answered at once, and so is mail already past the cursor. A connection
 * that fails or an IDLE the server ends is `dropped`, never an exception: the caller backs off
 * and polls. Only our own trouble (not IMAP's) throws.
 */
export async function idleUntilNewMail(
  mailbox: SyncingMailbox,
  egress: EgressGuard,
  options: IdleOptions,
): Promise<MailboxIdleResult> {
  let client: ImapFlow;
  try {
    client = await (options.connect ?? connectImap)(mailbox, egress);
  } catch (error) {
    return dropped(error);
  }
  try {
    if (!client.capabilities.has('IDLE')) return { status: 'no_idle' };
    const selected = await client.mailboxOpen('INBOX', { readOnly: true });
    const folder = { uidValidity: Number(selected.uidValidity), uidNext: selected.uidNext };
    if (planSync(options.cursor, folder, 1).kind !== 'up-to-date') return { status: 'new_mail' };
    return await waitInIdle(client, options);
  } catch (error) {
    return dropped(error);
  } finally {
    await closeQuietly(client);
  }
}

function waitInIdle(client: ImapFlow, options: IdleOptions): Promise<MailboxIdleResult> {
  return new Promise<MailboxIdleResult>((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    const finish = (result: MailboxIdleResult) => {
      for (const timer of timers) clearTimeout(timer);
      client.off('exists', onExists);
      client.off('close', onClose);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onExists = ({ count, prevCount }: { count: number; prevCount: number }) => {
      if (count > prevCount) finish({ status: 'new_mail' });
    };
    const onClose = () => finish({ status: 'dropped', error: 'the IMAP connection closed during IDLE' });
    const onAbort = () => finish({ status: 'quiet' });
    if (options.signal?.aborted) return finish({ status: 'quiet' });
    client.on('exists', onExists);
    client.on('close', onClose);
    options.signal?.addEventListener('abort', onAbort);
    timers.push(setTimeout(() => finish({ status: 'quiet' }), options.maxWaitMs));
    timers.push(setInterval(options.heartbeat, options.heartbeatMs));
    // idle() resolves when the IDLE ends: by our DONE (after finish) or the server's own doing.
    client.idle().then(
      (ran) =>
        finish(
          ran === false
            ? { status: 'dropped', error: 'the IMAP server refused or broke IDLE' }
            : { status: 'dropped', error: 'the IMAP server ended IDLE' },
        ),
      (error: unknown) =>
        finish({ status: 'dropped', error: String((error as Error)?.message ?? error).slice(0, 500) }),
    );
  });
}

/** IMAP and egress trouble is a dropped wait; anything else is ours and thrown. */
function dropped(error: unknown): MailboxIdleResult {
  if (!(error instanceof EgressRefusedError) && !isImapTrouble(error)) throw error;
  return { status: 'dropped', error: String((error as Error).message ?? error).slice(0, 500) };
}

async function closeQuietly(client: ImapFlow): Promise<void> {
  // LOGOUT breaks the IDLE first (imapflow sends DONE); a dead connection is simply closed.
  await client.logout().catch(() => client.close());
}
