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

function currentEnvGuard(): EgressGuard {
  const text = process.env.CADENZA_EGRESS_ALLOW ?? '';
  if (fromEnv?.text !== text) fromEnv = { text, guard: createEgressGuard(parseEgressAllowList(text)) };
  return fromEnv.guard;
}

/**
 * For tests and benches that build an app or activities without a boot config: a guard that
 * follows CADENZA_EGRESS_ALLOW as the test harness extends it (allowEgressTo). The API and the
 * worker build theirs once at boot from their parsed config (createEgressGuard) and pass it down.
 */
export function egressGuardFollowingEnv(): EgressGuard {
  return {
    get allow() {
      return currentEnvGuard().allow;
    },
    fetch: (input, init) => currentEnvGuard().fetch(input, init),
    resolve: (host, port) => currentEnvGuard().resolve(host, port),
  };
}
