import { egressGuardFollowingEnv, type EgressGuard } from '@cadenza/services/net';

/**
 * Tests' local doubles (SMTP sink, SendGrid/Twilio/Slack/OpenAI servers, webhook targets)
 * listen on 127.0.0.1, which the egress guard refuses like any loopback address. A test
 * allows exactly its double's port, as the launcher does for the local services: the guard
 * stays on. Set in process.env, so in-process guards and spawned workers both see it.
 */
export function allowEgressTo(...endpoints: Array<number | string>): void {
  const entries = endpoints.map((endpoint) =>
    typeof endpoint === 'number' ? `127.0.0.1:${endpoint}` : endpointOf(endpoint),
  );
  const current = (process.env.CADENZA_EGRESS_ALLOW ?? '').split(',').filter((entry) => entry.trim() !== '');
  process.env.CADENZA_EGRESS_ALLOW = [...new Set([...current, ...entries])].join(',');
}

/** `http://127.0.0.1:4010/v3` -> `127.0.0.1:4010`: the allow entry for a double's base URL. */
export function endpointOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? 443 : 80)}`;
}

/**
 * The guard tests hand to what they build by hand (a messaging service, a provider adapter,
 * a chat model): it follows CADENZA_EGRESS_ALLOW, so a double allowed above is reachable.
 */
export const harnessEgress: EgressGuard = egressGuardFollowingEnv();
