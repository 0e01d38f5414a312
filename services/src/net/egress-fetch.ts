import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import type { EgressAllowList } from '@cadenza/core';
import { egressRefusalIn, EgressRefusedError } from './egress-refused';
import { resolveEgressEndpoint, systemLookup, type EgressLookup } from './egress-resolve';

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Credentials for one origin must not follow a redirect to another.
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export type EgressFetchInit = RequestInit & {
  /** Redirects followed (each hop checked like the first); 0 returns the 3xx itself. Default 5. */
  maxRedirects?: number;
};

export type EgressFetch = (input: string | URL, init?: EgressFetchInit) => Promise<Response>;

/**
 * An undici dispatcher whose every new connection is resolved and checked first, then opened
 * to the checked address (TLS still verifies the original name). Pooled connections were
 * checked when opened, so nothing reaches a socket unchecked.
 */
export function createEgressDispatcher(allow: EgressAllowList, lookup: EgressLookup = systemLookup): Agent {
  const connect = buildConnector({ timeout: 10_000 });
  return new Agent({
    connect: (options, callback) => {
      const hostname = options.hostname.replace(/^\[|\]$/g, '');
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      resolveEgressEndpoint(hostname, port, allow, lookup).then(
        (endpoint) =>
          connect(
            {
              ...options,
              hostname: endpoint.address,
              ...(endpoint.servername ? { servername: options.servername ?? endpoint.servername } : {}),
            },
            callback,
          ),
        (error: Error) => callback(error, null),
      );
    },
  });
}

const plainHeaders = (headers: Headers) => {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => (plain[name] = value));
  return plain;
};

/**
 * fetch through the egress guard: http(s) only, redirects followed by hand (bounded, each hop
 * through the same checked dispatcher, credentials dropped across origins), and a refusal
 * thrown as EgressRefusedError rather than undici's generic "fetch failed".
 */
export function createEgressFetch(dispatcher: Agent): EgressFetch {
  return async (input, init = {}) => {
    const { maxRedirects = DEFAULT_MAX_REDIRECTS, ...request } = init;
    let url = new URL(String(input));
    let method = (request.method ?? 'GET').toUpperCase();
    let body = request.body;
    const headers = new Headers(request.headers);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new EgressRefusedError(`egress refused: ${url.protocol} URLs are not fetched`, 'scheme');
      let response: Response;
      try {
        response = (await undiciFetch(url, {
          ...(request as object),
          method,
          headers: plainHeaders(headers),
          body,
          redirect: 'manual',
          dispatcher,
        } as unknown as Parameters<typeof undiciFetch>[1])) as unknown as Response;
      } catch (error) {
        throw egressRefusalIn(error) ?? error;
      }
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location || maxRedirects === 0) return response;
      if (hop >= maxRedirects) {
        await response.body?.cancel();
        throw new Error(`${url.origin} redirected more than ${maxRedirects} times`);
      }
      await response.body?.cancel();
      const next = new URL(location, url);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      if (next.origin !== url.origin) for (const name of ORIGIN_BOUND_HEADERS) headers.delete(name);
      url = next;
    }
  };
}
