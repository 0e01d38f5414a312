import type { EgressFetch } from '../../net';

const TIMEOUT_MS = 30_000;
/** A 429 or 503 whose Retry-After is this short is waited out in place; a longer one is the caller's to handle. */
const MAX_INLINE_WAIT_S = 10;
const INLINE_RETRIES = 2;

/** The provider refused the access token (401): refresh it and call again. */
export class AccessTokenRejected extends Error {
  constructor(readonly provider: string) {
    super(`${provider} refused the access token`);
    this.name = 'AccessTokenRejected';
  }
}

/** Any other refusal, with what the provider said; `retryAfterSeconds` from its Retry-After. */
export class MailApiError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly detail: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`${provider} answered ${status}: ${detail}`.slice(0, 1000));
    this.name = 'MailApiError';
  }
}

/** A fetch that never got an answer: refused connection, DNS, TLS, timeout. */
export const isNetworkTrouble = (error: unknown): boolean =>
  (error instanceof TypeError && /fetch failed/i.test(error.message)) ||
  (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));

/**
 * Reads at most `maxBytes` of a response's body, then lets the rest go: a message's source is
 * bounded in memory however large the provider's copy is.
 */
export async function readBounded(response: Response, maxBytes: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let length = 0;
  const reader = response.body.getReader();
  while (length < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    length += value.byteLength;
  }
  if (length >= maxBytes) await reader.cancel();
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const retryAfterSecondsOf = (header: string | null): number | null => {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) : null;
};

/** Google's `{error: {message}}`, Graph's `{error: {code, message}}`, else the text. */
export function apiErrorDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string; code?: string | number } | string };
    if (parsed.error && typeof parsed.error === 'object' && parsed.error.message) {
      const code = typeof parsed.error.code === 'string' ? `${parsed.error.code}: ` : '';
      return `${code}${parsed.error.message}`.slice(0, 500);
    }
    if (typeof parsed.error === 'string') return parsed.error.slice(0, 500);
  } catch {
    // Not JSON.
  }
  return body.trim().slice(0, 500) || '(empty body)';
}

/**
 * One authorized call to a mail API through the egress guard. A short Retry-After on a 429 or 503
 * is honoured here (the provider asked for a pause, not a failure); a 401 asks for a refreshed
 * token; any other failure names the provider's words.
 */
export async function callMailApi(
  fetchImpl: EgressFetch,
  provider: string,
  url: string,
  accessToken: string,
  init: {
    method?: string;
    json?: unknown;
    body?: string;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    const contentType = init.json !== undefined ? 'application/json' : init.contentType;
    const response = await fetchImpl(url, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        ...(contentType ? { 'content-type': contentType } : {}),
        ...init.headers,
      },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) return response;
    if (response.status === 401) {
      await response.body?.cancel();
      throw new AccessTokenRejected(provider);
    }
    const retryAfter = retryAfterSecondsOf(response.headers.get('retry-after'));
    const pausable = response.status === 429 || response.status === 503;
    if (pausable && attempt < INLINE_RETRIES && (retryAfter ?? 1) <= MAX_INLINE_WAIT_S) {
      await response.body?.cancel();
      await sleep((retryAfter ?? 1) * 1000);
      continue;
    }
    throw new MailApiError(provider, response.status, apiErrorDetail(await response.text()), retryAfter);
  }
}
