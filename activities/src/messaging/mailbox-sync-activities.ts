import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import type { MailboxPollResult } from '@cadenza/contracts';
import { signalRunWith, syncAnyMailbox } from '@cadenza/services/messaging';
import type { ActivitySettings } from '../activity-settings';

/** The mailbox sync's one activity: a poll of one mailbox (mailboxSyncWorkflow), IMAP or Gmail by its kind. */
export function createMailboxSyncActivities(deps: { db: DataSource; temporal: Client; settings: ActivitySettings }) {
  const sync = {
    db: deps.db,
    secretKey: deps.settings.messaging.secretKey,
    egress: deps.settings.egress,
    signalRun: signalRunWith(deps.temporal),
    oauth: deps.settings.messaging.mailOAuth,
  };
  return {
    syncMailbox: (input: { tenantId: string; mailboxId: string; batchSize: number }): Promise<MailboxPollResult> =>
      syncAnyMailbox(sync, input),
  };
}
