import type { Client } from '@temporalio/client';
import type { DataSource } from '@cadenza/data';
import { loadMessagingSettings, type MessagingSettings } from '@cadenza/services/messaging';
import type { EgressGuard } from '@cadenza/services/net';
import type { ApiRoute } from '../../http/api-route';
import { inboundRoutes } from './inbound-routes';
import { mailboxRoutes } from './mailbox-routes';
import { mailboxCheckRoutes } from './mailbox-check-routes';
import { mailboxPoolRoutes } from './mailbox-pool-routes';
import { mailboxOAuthRoutes } from './mailbox-oauth-routes';
import { outboxRoutes } from './outbox-routes';
import { providerSettingsRoutes } from './provider-settings-routes';
import { signalRunWith } from './signal-run';
import { snippetRoutes } from './snippet-routes';
import { templateRoutes } from './template-routes';
import { trackingRoutes } from './tracking-routes';

/** The communication hub's routes: mailboxes, outbox, tracking links, inbound email, templates and snippets. */
export function messagingRoutes(deps: {
  db: DataSource;
  temporal: Client;
  /** Where the mailbox sync workflows run. */
  taskQueue: string;
  settings?: MessagingSettings;
  egress: EgressGuard;
}): ApiRoute[] {
  const settings = deps.settings ?? loadMessagingSettings();
  const signalRun = signalRunWith(deps.temporal);
  return [
    ...mailboxRoutes({
      db: deps.db,
      secretKey: settings.secretKey,
      egress: deps.egress,
      temporal: deps.temporal,
      taskQueue: deps.taskQueue,
    }),
    ...mailboxOAuthRoutes({
      db: deps.db,
      secretKey: settings.secretKey,
      egress: deps.egress,
      oauth: settings.mailOAuth,
      temporal: deps.temporal,
      taskQueue: deps.taskQueue,
    }),
    ...mailboxCheckRoutes({ db: deps.db, settings, egress: deps.egress }),
    ...mailboxPoolRoutes({ db: deps.db }),
    ...outboxRoutes({
      db: deps.db,
      signalRun,
      sink: settings.sink,
      egress: deps.egress,
      temporal: deps.temporal,
      taskQueue: deps.taskQueue,
    }),
    ...trackingRoutes({ db: deps.db, trackingSecret: settings.trackingSecret, signalRun }),
    ...inboundRoutes({ db: deps.db, signalRun, secret: settings.inboundWebhookSecret }),
    ...templateRoutes({ db: deps.db }),
    ...snippetRoutes({ db: deps.db }),
    ...providerSettingsRoutes({ db: deps.db, settings, egress: deps.egress }),
  ];
}
