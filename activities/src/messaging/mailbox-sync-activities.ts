import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import type { MailboxIdleInput, MailboxIdleResult, MailboxPollResult } from '@cadenza/contracts';
import { awaitNewMail, signalRunWith, syncAnyMailbox } from '@cadenza/services/messaging';
import type { ActivitySettings } from '../activity-settings';
import { withHeartbeat } from '../ai/agent/with-heartbeat';

/** How often the idle activity heartbeats; the workflow's heartbeat timeout is a few of these. */
export const IDLE_HEARTBEAT_MS = 5_000;

/**
 * The mailbox sync's activities (mailboxSyncWorkflow): a poll of one mailbox (IMAP, Gmail or
 * Microsoft Graph by its kind), and a bounded wait in IMAP IDLE for its next mail (an API mailbox
 * answers `no_idle` and is polled), heartbeating so a killed worker is noticed within the
 * heartbeat timeout and a cancelled wait (the workflow was told to sync now) ends at once.
 */
export function createMailboxSyncActivities(deps: { db: DataSource; temporal: Client; settings: ActivitySettings }) {
  const sync = {
    db: deps.db,
    secretKey: deps.settings.messaging.secretKey,
    egress: deps.settings.egress,
    signalRun: signalRunWith(deps.temporal),
    oauth: deps.settings.messaging.mailOAuth,
  };
  return {
    // Heartbeats while it reads: a worker killed mid-poll is noticed by the heartbeat timeout, not after 2 minutes.
    syncMailbox: (input: { tenantId: string; mailboxId: string; batchSize: number }): Promise<MailboxPollResult> =>
      withHeartbeat(() => syncAnyMailbox(sync, input)),
    awaitMailboxMail: (input: MailboxIdleInput): Promise<MailboxIdleResult> => {
      const context = Context.current();
      return awaitNewMail(sync, input, {
        heartbeat: () => context.heartbeat(),
        heartbeatMs: IDLE_HEARTBEAT_MS,
        signal: context.cancellationSignal,
      });
    },
  };
}
