import type { DataSource } from 'typeorm';
import { recordSyncHealth, refreshOAuthTokensLocked, type OAuthMailbox } from '@cadenza/data';
import type { EgressGuard } from '../../net';
import { AccessTokenRejected } from '../mail-api/api-call';
import type { MailOAuthSettings, OAuthProviderSettings } from './oauth-settings';
import { ACCESS_TOKEN_MARGIN_MS, refreshAccessToken, TokenEndpointError } from './token-endpoint';

export interface MailAccessDependencies {
  db: DataSource;
  /** Opens and seals the tokens (the deployment key). */
  secretKey: Buffer | null;
  egress: EgressGuard;
  oauth: MailOAuthSettings;
}

/**
 * The provider refused the refresh token (`invalid_grant`: revoked, expired, password changed), or
 * the deployment no longer configures the provider: only a person reconnecting can fix it. The
 * mailbox is marked "auth expired" when this is thrown.
 */
export class MailboxAuthExpired extends Error {
  constructor(
    readonly mailboxId: string,
    message: string,
  ) {
    super(message);
    this.name = 'MailboxAuthExpired';
  }
}

/** The OAuth app of a mailbox kind, or an auth-expired error naming what the deployment lacks. */
export function providerOf(
  oauth: MailOAuthSettings,
  mailbox: Pick<OAuthMailbox, 'id' | 'kind'>,
): OAuthProviderSettings {
  const provider = oauth[mailbox.kind];
  if (provider) return provider;
  const variable = mailbox.kind === 'gmail' ? 'GOOGLE_OAUTH_CLIENT_ID' : 'MICROSOFT_OAUTH_CLIENT_ID';
  throw new MailboxAuthExpired(
    mailbox.id,
    `this deployment no longer configures ${variable}: the mailbox cannot sign in`,
  );
}

/** Refreshes in flight in this process, by mailbox: concurrent callers share one (the row lock covers other processes). */
const inFlight = new Map<string, Promise<OAuthMailbox>>();

const isStale = (mailbox: OAuthMailbox) =>
  mailbox.tokens.accessExpiresAt.getTime() - ACCESS_TOKEN_MARGIN_MS <= Date.now();

/**
 * Tokens worth calling with: the stored ones while they last, else refreshed once, single-flight
 * per mailbox (in this process by a shared promise, across processes by the locked token row: a
 * waiter finds the tokens the first one saved and does not refresh again). `rejected` is an access
 * token the provider just refused with 401: refreshed even if it looked valid, unless another
 * caller already replaced it.
 */
export async function freshMailboxTokens(
  deps: MailAccessDependencies,
  mailbox: OAuthMailbox,
  rejected: string | null = null,
): Promise<OAuthMailbox> {
  if (!rejected && !isStale(mailbox)) return mailbox;
  const running = inFlight.get(mailbox.id);
  if (running) return running;
  const provider = providerOf(deps.oauth, mailbox);
  const refresh = (async () => {
    try {
      const target = { tenantId: mailbox.tenantId, mailboxId: mailbox.id };
      const saved = await refreshOAuthTokensLocked(deps.db, deps.secretKey, target, async (current) => {
        const stillBad = rejected ? current.tokens.accessToken === rejected : isStale(current);
        if (!stillBad) return null;
        return refreshAccessToken(provider, current.tokens.refreshToken, deps.egress.fetch);
      });
      if (!saved) throw new MailboxAuthExpired(mailbox.id, 'the mailbox was disconnected');
      return saved;
    } catch (error) {
      if (error instanceof TokenEndpointError && error.invalidGrant) {
        const message = `${provider.label} refused the refresh token (${error.message.replace(/^.*?invalid_grant:?\s*/, '') || 'invalid_grant'}): reconnect the mailbox`;
        await recordSyncHealth(deps.db, mailbox.id, { ok: false, error: message.slice(0, 1000), authFailed: true });
        throw new MailboxAuthExpired(mailbox.id, message);
      }
      throw error;
    }
  })();
  inFlight.set(mailbox.id, refresh);
  try {
    return await refresh;
  } finally {
    inFlight.delete(mailbox.id);
  }
}

/** Makes provider calls for one mailbox, keeping the freshest tokens between calls. */
export interface MailboxAccess {
  /** Runs a provider call with a live access token (see mailboxAccess). */
  run<T>(call: (accessToken: string) => Promise<T>): Promise<T>;
}

/**
 * Provider calls with a live access token: refreshed first when expired, and once more when the
 * provider answers 401 anyway (revoked early, clock skew). A second 401 right after a refresh
 * means the grant no longer covers the call: auth expired.
 */
export function mailboxAccess(deps: MailAccessDependencies, mailbox: OAuthMailbox): MailboxAccess {
  let current = mailbox;
  return {
    async run(call) {
      current = await freshMailboxTokens(deps, current);
      try {
        return await call(current.tokens.accessToken);
      } catch (error) {
        if (!(error instanceof AccessTokenRejected)) throw error;
      }
      current = await freshMailboxTokens(deps, current, current.tokens.accessToken);
      try {
        return await call(current.tokens.accessToken);
      } catch (error) {
        if (!(error instanceof AccessTokenRejected)) throw error;
        const message = `${error.provider} refuses a freshly refreshed access token: reconnect the mailbox`;
        await recordSyncHealth(deps.db, mailbox.id, { ok: false, error: message, authFailed: true });
        throw new MailboxAuthExpired(mailbox.id, message);
      }
    },
  };
}
