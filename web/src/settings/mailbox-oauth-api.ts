import type { MailboxOAuthCallback, MailboxOAuthProviders, MailboxOAuthStart, MailboxView } from '@cadenza/core';
import { settingsApi } from './settings-api';

/** Connecting Gmail and Microsoft 365 mailboxes by OAuth: which providers the deployment has, start, finish. */
const mailboxOAuthApi = settingsApi.injectEndpoints({
  endpoints: (build) => ({
    mailboxOAuthProviders: build.query<MailboxOAuthProviders, void>({ query: () => '/mailboxes/oauth/providers' }),
    startMailboxOAuth: build.mutation<{ authorizeUrl: string; expiresAt: string }, MailboxOAuthStart>({
      query: (body) => ({ url: '/mailboxes/oauth/start', method: 'POST', body }),
    }),
    finishMailboxOAuth: build.mutation<MailboxView, MailboxOAuthCallback>({
      query: (body) => ({ url: '/mailboxes/oauth/callback', method: 'POST', body }),
      invalidatesTags: ['SettingsMailbox'],
    }),
  }),
});

export const { useMailboxOAuthProvidersQuery, useStartMailboxOAuthMutation, useFinishMailboxOAuthMutation } =
  mailboxOAuthApi;

/** The callback body from the redirect's query: what the provider sent back, under the API's names. */
export function oauthCallbackBody(search: URLSearchParams): MailboxOAuthCallback {
  const code = search.get('code');
  const error = search.get('error');
  const description = search.get('error_description');
  return {
    state: search.get('state') ?? '',
    ...(code ? { code } : {}),
    ...(error ? { error } : {}),
    ...(description ? { errorDescription: description } : {}),
  };
}

/**
 * The start body: a reconnect names its mailbox (and keeps its owner); a new mailbox asks to be
 * the caller's own only when an admin ticked "My own mailbox" (a non-admin's always is).
 */
export function oauthStartBody(
  kind: MailboxOAuthStart['kind'],
  options: { mailboxId?: string; personal?: boolean } = {},
): MailboxOAuthStart {
  if (options.mailboxId) return { kind, mailboxId: options.mailboxId };
  return { kind, ...(options.personal ? { personal: true } : {}) };
}
