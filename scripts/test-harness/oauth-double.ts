import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startHttpDouble, type DoubleRequest } from './http-double';

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  account: string;
  scope: string;
  used: boolean;
}

/** What the person does on the consent screen the next time the browser is sent to /authorize. */
export type Consent = { account: string } | { deny: true };

/**
 * An OAuth 2.0 authorization server speaking the wire format of Google's and Microsoft's: /authorize
 * (consent happens at once, as `consent` says, and redirects back with a code or an error), /token
 * (authorization_code with PKCE S256 checked against the challenge, refresh_token), and controls a
 * test uses to expire access tokens, revoke a grant (→ invalid_grant) or break the token endpoint.
 */
export async function startOAuthDouble(client: { clientId: string; clientSecret: string }) {
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Map<string, { account: string; revoked: boolean }>();
  const accessTokens = new Map<string, { account: string; expiresAt: number }>();
  const state = {
    consent: { account: 'rep@gmail.test' } as Consent,
    accessTtlSeconds: 3600,
    /** The next token responses fail with this (e.g. a 503), in order. */
    failTokenRequests: [] as Array<{ status: number; error: string }>,
    /** PKCE checks done at /token, with their outcome. */
    pkceChecks: [] as Array<{ ok: boolean }>,
    refreshes: 0,
  };

  const issueAccess = (account: string) => {
    const token = `at-${randomBytes(12).toString('hex')}`;
    accessTokens.set(token, { account, expiresAt: Date.now() + state.accessTtlSeconds * 1000 });
    return token;
  };

  const authorize = (request: DoubleRequest, res: ServerResponse) => {
    const q = request.url.searchParams;
    const redirect = q.get('redirect_uri');
    if (q.get('client_id') !== client.clientId || !redirect)
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'unknown client or no redirect_uri' });
    const back = new URL(redirect);
    back.searchParams.set('state', q.get('state') ?? '');
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', 'PKCE with S256 is required');
    } else if ('deny' in state.consent) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied access');
    } else {
      const code = `code-${randomBytes(12).toString('hex')}`;
      codes.set(code, {
        clientId: client.clientId,
        redirectUri: redirect,
        challenge: q.get('code_challenge')!,
        account: state.consent.account,
        scope: q.get('scope') ?? '',
        used: false,
      });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.toString() }).end();
  };

  const token = (request: DoubleRequest, res: ServerResponse) => {
    const form = new URLSearchParams(request.body);
    const failure = state.failTokenRequests.shift();
    if (failure) return sendJson(res, failure.status, { error: failure.error });
    if (form.get('client_id') !== client.clientId || form.get('client_secret') !== client.clientSecret)
      return sendJson(res, 401, { error: 'invalid_client' });
    if (form.get('grant_type') === 'authorization_code') {
      const issued = codes.get(form.get('code') ?? '');
      if (!issued || issued.used || issued.redirectUri !== form.get('redirect_uri'))
        return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Bad code or redirect_uri' });
      issued.used = true;
      const verifier = form.get('code_verifier') ?? '';
      const ok = createHash('sha256').update(verifier).digest('base64url') === issued.challenge;
      state.pkceChecks.push({ ok });
      if (!ok) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'code_verifier does not match' });
      const refresh = `rt-${randomBytes(12).toString('hex')}`;
      refreshTokens.set(refresh, { account: issued.account, revoked: false });
      return sendJson(res, 200, {
        access_token: issueAccess(issued.account),
        refresh_token: refresh,
        expires_in: state.accessTtlSeconds,
        token_type: 'Bearer',
        scope: issued.scope,
      });
    }
    if (form.get('grant_type') === 'refresh_token') {
      const grant = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!grant || grant.revoked)
        return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      state.refreshes += 1;
      return sendJson(res, 200, {
        access_token: issueAccess(grant.account),
        expires_in: state.accessTtlSeconds,
        token_type: 'Bearer',
      });
    }
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  };

  const server = await startHttpDouble((request, res) => {
    if (request.method === 'GET' && request.url.pathname === '/authorize') return authorize(request, res);
    if (request.method === 'POST' && request.url.pathname === '/token') return token(request, res);
    sendJson(res, 404, { error: 'not_found' });
  });

  return {
    ...server,
    state,
    authorizeUrl: `${server.baseUrl}/authorize`,
    tokenUrl: `${server.baseUrl}/token`,
    /** The account an `Authorization: Bearer` header stands for, or null (unknown or expired: the API answers 401). */
    accountOf(authorization: string | undefined): string | null {
      const found = accessTokens.get(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
      return found && found.expiresAt > Date.now() ? found.account : null;
    },
    /** A grant as a completed consent leaves it, without the browser round trip (tests of what comes after connecting). */
    grant(account: string) {
      const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
      refreshTokens.set(refreshToken, { account, revoked: false });
      return {
        accessToken: issueAccess(account),
        refreshToken,
        accessExpiresAt: new Date(Date.now() + state.accessTtlSeconds * 1000),
      };
    },
    /** Every access token stops working at once (the provider revoked them early, or they lapsed). */
    expireAccessTokens() {
      for (const issued of accessTokens.values()) issued.expiresAt = 0;
    },
    /** The person removed the app's access: every refresh of this account's grants answers invalid_grant. */
    revoke(account: string) {
      for (const grant of refreshTokens.values()) if (grant.account === account) grant.revoked = true;
      for (const issued of accessTokens.values()) if (issued.account === account) issued.expiresAt = 0;
    },
  };
}

export type OAuthDouble = Awaited<ReturnType<typeof startOAuthDouble>>;
