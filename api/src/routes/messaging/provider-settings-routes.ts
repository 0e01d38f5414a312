import { z } from 'zod';
import {
  MessagingProviderKindSchema,
  MessagingProvidersViewSchema,
  NotFoundError,
  SlackSettingsWriteSchema,
  TwilioSettingsWriteSchema,
} from '@cadenza/core';
import {
  auditContextOf,
  clearMessagingProvider,
  getMessagingProviders,
  setSlackSettings,
  setTwilioSettings,
  type DataSource,
} from '@cadenza/data';
import type { MessagingSettings } from '@cadenza/services/messaging';
import { assertEgressUrl } from '../../http/egress-target';
import type { EgressGuard } from '@cadenza/services/net';
import { defineRoute, type ApiRoute } from '../../http/api-route';

/**
 * The workspace's SMS (Twilio) and Slack providers. Secrets go in sealed and never come
 * out; a workspace without its own uses the server's (environment), else the outbox.
 */
export function providerSettingsRoutes(deps: {
  db: DataSource;
  settings: MessagingSettings;
  egress: EgressGuard;
}): ApiRoute[] {
  const environment = { twilio: deps.settings.twilio !== null, slack: deps.settings.slackWebhookUrl !== null };
  const view = (tenantId: string) => getMessagingProviders(deps.db, tenantId, environment);
  const responses = {
    200: { description: 'the providers now', schema: MessagingProvidersViewSchema },
    409: { description: 'the server has no CADENZA_SECRET_KEY to seal the secret' },
  };
  return [
    defineRoute({
      method: 'get',
      path: '/messaging-providers',
      tag: 'messaging',
      summary: 'The SMS and Slack providers of the workspace (never their secrets)',
      access: 'settings:manage',
      responses: { 200: responses[200] },
      handler: async ({ principal }) => ({ body: await view(principal.tenantId) }),
    }),
    defineRoute({
      method: 'put',
      path: '/messaging-providers/twilio',
      tag: 'messaging',
      summary: 'Set the Twilio account SMS steps send through (the auth token is encrypted at rest)',
      access: 'settings:manage',
      body: TwilioSettingsWriteSchema,
      responses,
      handler: async ({ principal, body }) => {
        await setTwilioSettings(deps.db, deps.settings.secretKey, principal.tenantId, body, auditContextOf(principal));
        return { body: await view(principal.tenantId) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/messaging-providers/slack',
      tag: 'messaging',
      summary: 'Set the Slack incoming webhook Slack steps post to (encrypted at rest)',
      access: 'settings:manage',
      body: SlackSettingsWriteSchema,
      responses,
      handler: async ({ principal, body }) => {
        assertEgressUrl('webhookUrl', body.webhookUrl, deps.egress.allow);
        await setSlackSettings(deps.db, deps.settings.secretKey, principal.tenantId, body, auditContextOf(principal));
        return { body: await view(principal.tenantId) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/messaging-providers/:kind',
      tag: 'messaging',
      summary: 'Clear a provider: sends fall back to the server environment, else the outbox',
      access: 'settings:manage',
      params: z.object({ kind: MessagingProviderKindSchema }),
      responses: { 200: responses[200], 404: { description: 'the workspace has no such provider set' } },
      handler: async ({ principal, params }) => {
        const removed = await clearMessagingProvider(
          deps.db,
          principal.tenantId,
          params.kind,
          auditContextOf(principal),
        );
        if (!removed) throw new NotFoundError('messaging provider', params.kind);
        return { body: await view(principal.tenantId) };
      },
    }),
  ];
}
