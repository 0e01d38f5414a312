import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import type { MailboxPollResult } from '@cadenza/contracts';
import { signalRunWith, syncMailboxOnce } from '@cadenza/services/messaging';
import type { ActivitySettings } from '../activity-settings';

/** The mailbox sync's one activity: a poll of one mailbox (mailboxSyncWorkflow). */
export function createMailboxSyncActivities(deps: { db: DataSource; temporal: Client; settings: ActivitySettings }) {
  const sync = {
    db: deps.db,
    secretKey: deps.settings.messaging.secretKey,
    egress: deps.settings.egress,
    signalRun: signalRunWith(deps.temporal),
  };
  return {
    syncMailbox: (input: { tenantId: string; mailboxId: string; batchSize: number }): Promise<MailboxPollResult> =>
      syncMailboxOnce(sync, input),
  };
}
