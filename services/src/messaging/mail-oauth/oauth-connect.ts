import type { DataSource } from 'typeorm';
import { UserError, type MailboxOAuthCallback, type MailboxOAuthStart, type OAuthMailboxKind } from '@cadenza/core';
import {
  consumeOAuthState,
  createOAuthState,
  requireOAuthMailbox,
  saveOAuthConnection,
  type MailboxScope,
  type OAuthTokens,
} from '@cadenza/data';
import { EgressRefusedError, type EgressGuard } from '../../net';
import { AccessTokenRejected, MailApiError } from '../mail-api/api-call';
import { gmailProfile } from '../mail-api/gmail-api';
import { graphAccountAddress } from '../mail-api/graph-api';
import type { MailOAuthSettings, OAuthProviderSettings } from './oauth-settings';
import { authorizationUrl, newCodeVerifier, newOAuthState, oauthStateHash } from './pkce';
import { exchangeCode, TokenEndpointError } from './token-endpoint';

export interface OAuthConnectDependencies {
  db: DataSource;
  secretKey: Buffer | null;
  egress: EgressGuard;
  oauth: MailOAuthSettings;
}

/** Who runs the connect: the state is theirs alone (same tenant, same user; an API key is "no user"). */
export interface ConnectingPrincipal {
  tenantId: string;
  userId: string | null;
  /** The mailboxes they may reconnect: the whole tenant's (settings:manage) or only their own. */
  scope: MailboxScope;
}

/** Long enough to sign in and consent, short enough that a leaked link is soon worthless. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const LABELS: Record<OAuthMailboxKind, string> = { gmail: 'Google', microsoft: 'Microsoft' };

function providerFor(oauth: MailOAuthSettings, kind: OAuthMailboxKind): OAuthProviderSettings {
  const provider = oauth[kind];
  if (provider) return provider;
  const variable = kind === 'gmail' ? 'GOOGLE_OAUTH_CLIENT_ID' : 'MICROSOFT_OAUTH_CLIENT_ID';
  throw new UserError(
    'oauth_not_configured',
    `this deployment has no ${LABELS[kind]} OAuth app: the operator sets ${variable} and its secret to allow connecting ${kind} mailboxes`,
    { field: 'kind' },
    409,
  );
}

/**
 * Starts connecting (or reconnecting) a mailbox: a fresh PKCE verifier and state, kept server-side
 * for ten minutes and bound to the caller, and the provider address to send the browser to. A
 * reconnect hints the mailbox's own address, so the person signs in with the right account, and
 * only reaches a mailbox in the caller's scope. `personal`: the new mailbox will be the caller's own.
 */
export async function startMailboxOAuth(
  deps: OAuthConnectDependencies,
  principal: ConnectingPrincipal,
  request: Omit<MailboxOAuthStart, 'personal'> & { personal: boolean },
): Promise<{ authorizeUrl: string; expiresAt: string }> {
  const provider = providerFor(deps.oauth, request.kind);
  const reconnecting = request.mailboxId
    ? await requireOAuthMailbox(deps.db, principal.scope, request.mailboxId, request.kind)
    : null;
  if (request.personal && !principal.userId)
    throw new UserError('invalid_field', 'personal: an API key has no user to own a mailbox', { field: 'personal' });
  const state = newOAuthState();
  const verifier = newCodeVerifier();
  const expiresAt = new Date(Date.now() + OAUTH_STATE_TTL_MS);
  await createOAuthState(deps.db, deps.secretKey, {
    stateHash: oauthStateHash(state),
    expiresAt,
    tenantId: principal.tenantId,
    userId: principal.userId,
    kind: request.kind,
    mailboxId: request.mailboxId ?? null,
    personal: !reconnecting && request.personal,
    verifier,
  });
  const authorizeUrl = authorizationUrl(provider, {
    redirectUrl: deps.oauth.redirectUrl,
    state,
    verifier,
    ...(reconnecting ? { loginHint: reconnecting.fromAddress } : {}),
  });
  return { authorizeUrl, expiresAt: expiresAt.toISOString() };
}

const START_AGAIN = 'start again from Settings → Mailboxes';

/**
 * Finishes a connect from what the provider sent back to the redirect address: the state must be
 * one this caller started, unused and unexpired (used up by this call whatever follows); then the
 * code is exchanged with the verifier, the account's address read, and the tokens stored sealed.
 * Every failure is a UserError whose message can be shown as it is.
 */
export async function completeMailboxOAuth(
  deps: OAuthConnectDependencies,
  principal: ConnectingPrincipal,
  callback: MailboxOAuthCallback,
): Promise<{ mailboxId: string; created: boolean; kind: OAuthMailboxKind; account: string }> {
  const consumed = await consumeOAuthState(deps.db, deps.secretKey, oauthStateHash(callback.state), {
    tenantId: principal.tenantId,
    userId: principal.userId,
  });
  if (consumed.status === 'used')
    throw new UserError(
      'oauth_state_used',
      `this sign-in was already completed once and cannot be used again: if the mailbox is not connected, ${START_AGAIN}`,
      { field: 'state' },
      409,
    );
  if (consumed.status === 'expired')
    throw new UserError('oauth_state_expired', `this sign-in took longer than 10 minutes: ${START_AGAIN}`, {
      field: 'state',
    });
  if (consumed.status !== 'ok')
    throw new UserError(
      'oauth_state_invalid',
      `this sign-in was not started here, or was started by someone else: ${START_AGAIN}`,
      { field: 'state' },
    );
  const { state } = consumed;
  const provider = providerFor(deps.oauth, state.kind);
  if (callback.error) {
    const denied = callback.error === 'access_denied';
    throw new UserError(
      denied ? 'oauth_denied' : 'oauth_failed',
      denied
        ? `${provider.label} sign-in was cancelled or access was not granted, so the mailbox was not connected`
        : `${provider.label} answered ${callback.error}${callback.errorDescription ? ` (${callback.errorDescription})` : ''}: ${START_AGAIN}`,
      { field: 'error' },
    );
  }
  if (!callback.code)
    throw new UserError('invalid_field', `the redirect from ${provider.label} carries no authorization code`, {
      field: 'code',
    });
  const tokens = await providerCall(provider, () =>
    exchangeCode(
      provider,
      { code: callback.code!, verifier: state.verifier, redirectUrl: deps.oauth.redirectUrl },
      deps.egress.fetch,
    ),
  );
  const account = await providerCall(provider, () => accountAddress(deps, provider, tokens));
  const saved = await saveOAuthConnection(deps.db, deps.secretKey, {
    tenantId: state.tenantId,
    scope: principal.scope,
    ownerUserId: state.personal ? state.userId : null,
    kind: state.kind,
    mailboxId: state.mailboxId,
    account,
    tokens,
  });
  return { ...saved, kind: state.kind, account };
}

/** The address of the account that consented: the Gmail profile's, or Graph's /me mail (else its sign-in name). */
async function accountAddress(
  deps: OAuthConnectDependencies,
  provider: OAuthProviderSettings,
  tokens: OAuthTokens,
): Promise<string> {
  const access = { baseUrl: provider.apiBaseUrl, accessToken: tokens.accessToken, fetch: deps.egress.fetch };
  const address =
    provider.kind === 'gmail' ? (await gmailProfile(access)).emailAddress : await graphAccountAddress(access);
  if (!address) throw new MailApiError(provider.label, 200, 'the account has no email address', null);
  return address.toLowerCase();
}

/** A token or profile call during connect: the provider's refusal as a message for the person, nothing else. */
async function providerCall<T>(provider: OAuthProviderSettings, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TokenEndpointError)
      throw new UserError(
        'oauth_token_failed',
        `${provider.label} did not accept the sign-in (${error.oauthError ?? `HTTP ${error.status}`}): ${START_AGAIN}`,
        { field: 'code' },
        error.status >= 500 ? 502 : 400,
      );
    if (error instanceof MailApiError || error instanceof AccessTokenRejected)
      throw new UserError(
        'oauth_account_unreadable',
        `${provider.label} signed in, but its API refused to tell the account's address (${error.message}): ${START_AGAIN}`,
        undefined,
        502,
      );
    if (error instanceof EgressRefusedError) throw error;
    if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError'))
      throw new UserError(
        'oauth_unreachable',
        `${provider.label} could not be reached: try again in a moment`,
        undefined,
        502,
      );
    throw error;
  }
}
