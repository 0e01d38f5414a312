import { parseEgressAllowList, type EgressAllowList } from '@cadenza/core';
import { createEgressDispatcher, createEgressFetch, type EgressFetch } from './egress-fetch';
import { resolveEgressEndpoint, systemLookup, type EgressEndpoint, type EgressLookup } from './egress-resolve';

/**
 * The one way out of the platform: every outbound HTTP call (`fetch`) and socket client
 * (`resolve`, then connect to the returned address) goes through a guard built from the
 * deployment's allow list. Future callers (OAuth token endpoints, IMAP) take the same guard.
 */
export interface EgressGuard {
  readonly allow: EgressAllowList;
  fetch: EgressFetch;
  /** For socket clients (SMTP, IMAP): connect to `address`, with TLS servername `servername ?? host`. */
  resolve(host: string, port: number): Promise<EgressEndpoint>;
}

export function createEgressGuard(allow: EgressAllowList, lookup: EgressLookup = systemLookup): EgressGuard {
  const dispatcher = createEgressDispatcher(allow, lookup);
  return {
    allow,
    fetch: createEgressFetch(dispatcher),
    resolve: (host, port) => resolveEgressEndpoint(host, port, allow, lookup),
  };
}

let fromEnv: { text: string; guard: EgressGuard } | undefined;

/**
 * The guard of this process, from CADENZA_EGRESS_ALLOW (validated at boot by the API and
 * worker configs). Rebuilt only when the variable changes, so connections are pooled.
 */
export function egressGuardFromEnv(env: Record<string, string | undefined> = process.env): EgressGuard {
  const text = env.CADENZA_EGRESS_ALLOW ?? '';
  if (fromEnv?.text !== text) fromEnv = { text, guard: createEgressGuard(parseEgressAllowList(text)) };
  return fromEnv.guard;
}
