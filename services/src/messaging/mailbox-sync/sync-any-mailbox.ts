import type { MailboxPollResult } from '@cadenza/contracts';
import { mailboxKindOf, oauthMailbox, recordSyncHealth, type OAuthMailbox } from '@cadenza/data';
import { EgressRefusedError } from '../../net';
import { isNetworkTrouble, MailApiError } from '../mail-api/api-call';
import { MailboxAuthExpired } from '../mail-oauth/mailbox-access';
import type { MailOAuthSettings } from '../mail-oauth/oauth-settings';
import { TokenEndpointError } from '../mail-oauth/token-endpoint';
import { syncGmailOnce } from './gmail-sync';
import { syncGraphOnce } from './graph-sync';
import { syncMailboxOnce, type MailboxSyncDependencies } from './sync-mailbox';

export type AnyMailboxSyncDependencies = MailboxSyncDependencies & { oauth: MailOAuthSettings };

/**
 * One poll of any listening mailbox, by its kind: IMAP for SMTP mailboxes with IMAP settings, the
 * Gmail API for gmail mailboxes, Microsoft Graph for microsoft ones. The sync workflow and its activity are the same for all.
 */
export async function syncAnyMailbox(
  deps: AnyMailboxSyncDependencies,
  target: { tenantId: string; mailboxId: string; batchSize: number },
): Promise<MailboxPollResult> {
  const kind = await mailboxKindOf(deps.db, target.tenantId, target.mailboxId);
  if (kind !== 'gmail' && kind !== 'microsoft') return syncMailboxOnce(deps, target);
  const mailbox = await oauthMailbox(deps.db, deps.secretKey, target.tenantId, target.mailboxId);
  if (!mailbox) return { status: 'gone' };
  try {
    return mailbox.kind === 'gmail'
      ? await syncGmailOnce(deps, mailbox, target.batchSize)
      : await syncGraphOnce(deps, mailbox, target.batchSize);
  } catch (error) {
    return apiSyncFailed(deps, mailbox, error);
  }
}

/**
 * The provider's trouble as the mailbox's state: a refused refresh token is "auth expired" (the
 * sync waits for a reconnect), a throttle, an outage or a failed token refresh is retried at the
 * next poll. Our own trouble (the database) is thrown, so the activity retries.
 */
async function apiSyncFailed(
  deps: AnyMailboxSyncDependencies,
  mailbox: OAuthMailbox,
  error: unknown,
): Promise<MailboxPollResult> {
  const label = mailbox.kind === 'gmail' ? 'Gmail' : 'Microsoft Graph';
  if (error instanceof MailboxAuthExpired) {
    await recordSyncHealth(deps.db, mailbox.id, { ok: false, error: error.message, authFailed: true });
    return { status: 'auth_failed', error: error.message };
  }
  if (error instanceof EgressRefusedError) {
    const message = `${label}: ${error.message}`.slice(0, 1000);
    await recordSyncHealth(deps.db, mailbox.id, { ok: false, error: message, authFailed: false });
    return { status: 'refused', error: message };
  }
  if (error instanceof MailApiError || error instanceof TokenEndpointError || isNetworkTrouble(error)) {
    const message = (
      error instanceof MailApiError || error instanceof TokenEndpointError
        ? error.message
        : `${label} could not be reached: ${(error as Error).message}`
    ).slice(0, 1000);
    await recordSyncHealth(deps.db, mailbox.id, { ok: false, error: message, authFailed: false });
    return { status: 'unreachable', error: message };
  }
  throw error;
}
