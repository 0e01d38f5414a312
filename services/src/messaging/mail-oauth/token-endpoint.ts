import type { OAuthTokens } from '@cadenza/data';
import type { EgressFetch } from '../../net';
import type { OAuthProviderSettings } from './oauth-settings';

const TIMEOUT_MS = 15_000;
/** Treat an access token as expired this long before the provider says, so a call never starts with one about to lapse. */
export const ACCESS_TOKEN_MARGIN_MS = 60_000;

/**
 * The token endpoint refused (RFC 6749 §5.2). `invalid_grant` means the refresh token (or the code)
 * is revoked, expired or was issued to someone else: only the person reconnecting can fix that.
 * Anything else (a 5xx, a network failure, `temporarily_unavailable`) is worth retrying.
 */
export class TokenEndpointError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly oauthError: string | null,
    description: string | null,
  ) {
    super(
      `${provider} token endpoint answered ${status}${oauthError ? ` ${oauthError}` : ''}${description ? `: ${description}` : ''}`,
    );
    this.name = 'TokenEndpointError';
  }
  get invalidGrant(): boolean {
    return this.oauthError === 'invalid_grant';
  }
}

async function tokenRequest(
  provider: OAuthProviderSettings,
  params: Record<string, string>,
  fetchImpl: EgressFetch,
  previousRefreshToken: string | null,
): Promise<OAuthTokens> {
  const response = await fetchImpl(provider.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      ...params,
    }).toString(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page: the status says enough.
  }
  if (!response.ok) {
    throw new TokenEndpointError(
      provider.label,
      response.status,
      typeof body.error === 'string' ? body.error : null,
      typeof body.error_description === 'string' ? body.error_description.slice(0, 300) : null,
    );
  }
  const accessToken = body.access_token;
  const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : previousRefreshToken;
  if (typeof accessToken !== 'string' || !refreshToken)
    throw new TokenEndpointError(
      provider.label,
      response.status,
      'invalid_response',
      'no access token or refresh token',
    );
  const expiresIn = Number(body.expires_in);
  return {
    accessToken,
    refreshToken,
    accessExpiresAt: new Date(Date.now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000),
  };
}

/** Exchanges an authorization code, proving possession of the PKCE verifier. */
export const exchangeCode = (
  provider: OAuthProviderSettings,
  request: { code: string; verifier: string; redirectUrl: string },
  fetchImpl: EgressFetch,
): Promise<OAuthTokens> =>
  tokenRequest(
    provider,
    {
      grant_type: 'authorization_code',
      code: request.code,
      code_verifier: request.verifier,
      redirect_uri: request.redirectUrl,
    },
    fetchImpl,
    null,
  );

/** A new access token; Microsoft also rotates the refresh token, Google keeps the one it gave (kept here). */
export const refreshAccessToken = (
  provider: OAuthProviderSettings,
  refreshToken: string,
  fetchImpl: EgressFetch,
): Promise<OAuthTokens> =>
  tokenRequest(
    provider,
    { grant_type: 'refresh_token', refresh_token: refreshToken, scope: provider.scopes.join(' ') },
    fetchImpl,
    refreshToken,
  );
