import { authorizationUrl, codeChallengeOf, newCodeVerifier, newOAuthState, oauthStateHash } from './pkce';
import type { OAuthProviderSettings } from './oauth-settings';

describe('PKCE and the authorization address', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of the allowed length and alphabet, and states that differ', () => {
    const verifier = newCodeVerifier();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(newOAuthState()).not.toBe(newOAuthState());
    expect(oauthStateHash('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(oauthStateHash('abc')).not.toContain('abc');
  });

  it('asks for a code with the challenge, the scopes and the provider parameters', () => {
    const provider: OAuthProviderSettings = {
      kind: 'gmail',
      label: 'Google',
      clientId: 'client-1',
      clientSecret: 'never-in-the-url',
      authorizeUrl: 'https://auth.test/o/authorize?tenant=x',
      tokenUrl: 'https://auth.test/token',
      apiBaseUrl: 'https://api.test',
      scopes: ['a', 'b'],
      authorizeParams: { access_type: 'offline' },
    };
    const url = new URL(
      authorizationUrl(provider, { redirectUrl: 'https://app.test/cb', state: 's1', verifier: 'v'.repeat(43) }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'x',
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://app.test/cb',
      scope: 'a b',
      state: 's1',
      code_challenge: codeChallengeOf('v'.repeat(43)),
      code_challenge_method: 'S256',
      access_type: 'offline',
    });
    expect(url.toString()).not.toContain('never-in-the-url');
  });
});
