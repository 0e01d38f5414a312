import { createHash, randomBytes } from 'node:crypto';
import type { OAuthProviderSettings } from './oauth-settings';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A PKCE code verifier (RFC 7636 §4.1): 32 random bytes, 43 characters of base64url. */
export const newCodeVerifier = (): string => base64url(randomBytes(32));

/** The S256 code challenge of a verifier: BASE64URL(SHA256(verifier)). */
export const codeChallengeOf = (verifier: string): string =>
  base64url(createHash('sha256').update(verifier, 'ascii').digest());

/** An unguessable state; the server keeps only its hash, so a leaked table cannot finish anyone's connect. */
export const newOAuthState = (): string => base64url(randomBytes(32));
export const oauthStateHash = (state: string): string => createHash('sha256').update(state, 'utf8').digest('hex');

/** The provider's authorization address for one connect: code flow, PKCE S256, the scopes the mailbox needs. */
export function authorizationUrl(
  provider: OAuthProviderSettings,
  request: { redirectUrl: string; state: string; verifier: string; loginHint?: string },
): string {
  const url = new URL(provider.authorizeUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: request.redirectUrl,
    scope: provider.scopes.join(' '),
    state: request.state,
    code_challenge: codeChallengeOf(request.verifier),
    code_challenge_method: 'S256',
    ...provider.authorizeParams,
    ...(request.loginHint ? { login_hint: request.loginHint } : {}),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
