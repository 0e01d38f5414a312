import type { EgressFetch } from '../net';

/** The workload's OAuth token on GKE (Workload Identity) and GCE: the metadata server, link-local. */
export const GCP_METADATA_TOKEN_URL =
  'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token';

/**
 * The one address the metadata server answers on, as an egress allow entry. Only the KMS
 * wrapper's own guard carries it (key-wrapper-from-config.ts): in CADENZA_EGRESS_ALLOW it would
 * let a flow's http_request step read the token that opens every data key.
 */
export const GCP_METADATA_ALLOW_ENTRY = '169.254.169.254:80';

const TIMEOUT_MS = 5_000;
/** Google's client libraries refresh this long before expiry; a token is never used in its last minutes. */
const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export interface AccessTokenSource {
  /** A bearer token with time left, fetched only when the cached one is near its expiry. */
  token(): Promise<string>;
  /** Drops `token` from the cache (the API answered 401: revoked or expired early). */
  invalidate(token: string): void;
}

export interface MetadataTokenOptions {
  /** The egress guard's fetch; its allow list must hold the metadata server (GCP_METADATA_ALLOW_ENTRY). */
  fetch: EgressFetch;
  url?: string;
  now?: () => number;
  refreshMarginMs?: number;
}

const textOf = async (response: Response) => (await response.text()).trim().slice(0, 300) || '(empty body)';

/**
 * Access tokens from the metadata server (`Metadata-Flavor: Google` both ways, so a proxy or a
 * look-alike on that address is refused), cached until shortly before they expire; concurrent
 * callers share one request. Errors name the HTTP status and the server's text, never a token.
 */
export function metadataServerTokenSource(options: MetadataTokenOptions): AccessTokenSource {
  const { fetch, url = GCP_METADATA_TOKEN_URL, now = Date.now, refreshMarginMs = DEFAULT_REFRESH_MARGIN_MS } = options;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { 'metadata-flavor': 'Google' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        maxRedirects: 0,
      });
    } catch (error) {
      throw new Error(`the metadata server (${url}) could not be reached: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!response.ok) throw new Error(`the metadata server answered ${response.status}: ${await textOf(response)}`);
    if (response.headers.get('metadata-flavor') !== 'Google')
      throw new Error(`${url} answered without "Metadata-Flavor: Google"; it is not the metadata server`);
    const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
    const token = body?.access_token;
    const lifetimeMs = Number(body?.expires_in) * 1000;
    if (typeof token !== 'string' || token === '' || !(lifetimeMs > 0))
      throw new Error('the metadata server answered without access_token and a positive expires_in');
    // A short-lived token is still used for half its life rather than fetched on every call.
    cached = { token, refreshAt: now() + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2) };
    return token;
  }

  return {
    async token() {
      if (cached && now() < cached.refreshAt) return cached.token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
