import { ConfigError, type MailOAuthEnv, type MessagingEnv, type OAuthMailboxKind } from '@cadenza/core';

/** One OAuth app: where the browser is sent to consent, where codes and refresh tokens are exchanged, and the API it opens. */
export interface OAuthProviderSettings {
  kind: OAuthMailboxKind;
  /** How people know it: "Google", "Microsoft". */
  label: string;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Gmail: the API root without /gmail/v1; Graph: with its version. */
  apiBaseUrl: string;
  scopes: string[];
  /** Extra authorization parameters: Google gives a refresh token only when asked for offline access. */
  authorizeParams: Record<string, string>;
}

export interface MailOAuthSettings {
  gmail: OAuthProviderSettings | null;
  microsoft: OAuthProviderSettings | null;
  /** Where the provider sends the browser back: the web app's callback page, registered with each app. */
  redirectUrl: string;
}

/** Read the rep's INBOX (never modify it), send as the rep. The address comes from the Gmail profile. */
const GMAIL_SCOPES = ['https://www.googleapis.com/auth/gmail.readonly', 'https://www.googleapis.com/auth/gmail.send'];
/** offline_access: a refresh token; User.Read: the address (/me). */
const GRAPH_SCOPES = [
  'offline_access',
  'https://graph.microsoft.com/User.Read',
  'https://graph.microsoft.com/Mail.Read',
  'https://graph.microsoft.com/Mail.Send',
];

/** The web app's page the providers redirect to; each OAuth app registers exactly this address. */
export const OAUTH_CALLBACK_PATH = '/settings/mailboxes/oauth-callback';

/**
 * The OAuth apps of a parsed config. An id without its secret (or the reverse) is a mistake that
 * would only show when someone clicks Connect: it stops the boot, naming the missing variable.
 */
export function mailOAuthSettingsFrom(parsed: MailOAuthEnv & Pick<MessagingEnv, 'PUBLIC_BASE_URL'>): MailOAuthSettings {
  const problems: string[] = [];
  const pair = (idName: keyof MailOAuthEnv, secretName: keyof MailOAuthEnv) => {
    const id = parsed[idName];
    const secret = parsed[secretName];
    if (id && !secret) problems.push(`${secretName}: required when ${idName} is set`);
    if (secret && !id) problems.push(`${idName}: required when ${secretName} is set`);
    return id && secret ? { clientId: id, clientSecret: secret } : null;
  };
  const google = pair('GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET');
  const microsoft = pair('MICROSOFT_OAUTH_CLIENT_ID', 'MICROSOFT_OAUTH_CLIENT_SECRET');
  if (problems.length > 0) throw new ConfigError('messaging', problems);
  return {
    redirectUrl: `${parsed.PUBLIC_BASE_URL.replace(/\/+$/, '')}${OAUTH_CALLBACK_PATH}`,
    gmail: google && {
      kind: 'gmail',
      label: 'Google',
      ...google,
      authorizeUrl: parsed.GOOGLE_OAUTH_AUTHORIZE_URL,
      tokenUrl: parsed.GOOGLE_OAUTH_TOKEN_URL,
      apiBaseUrl: parsed.GMAIL_API_BASE_URL.replace(/\/+$/, ''),
      scopes: GMAIL_SCOPES,
      authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    },
    microsoft: microsoft && {
      kind: 'microsoft',
      label: 'Microsoft',
      ...microsoft,
      authorizeUrl: parsed.MICROSOFT_OAUTH_AUTHORIZE_URL,
      tokenUrl: parsed.MICROSOFT_OAUTH_TOKEN_URL,
      apiBaseUrl: parsed.MICROSOFT_GRAPH_BASE_URL.replace(/\/+$/, ''),
      scopes: GRAPH_SCOPES,
      authorizeParams: { prompt: 'select_account' },
    },
  };
}
