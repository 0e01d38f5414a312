import { lookup as dnsLookup } from 'node:dns/promises';
import {
  egressRefusalFor,
  formatIpAddress,
  literalEgressRefusal,
  parseIpAddress,
  type EgressAllowList,
} from '@cadenza/core';
import { EgressRefusedError } from './egress-refused';

/** Resolves a name to every address it has (getaddrinfo: /etc/hosts, then DNS). */
export type EgressLookup = (host: string) => Promise<string[]>;

export const systemLookup: EgressLookup = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** Where to connect: the address that was checked, and the name for TLS (SNI and certificate). */
export interface EgressEndpoint {
  address: string;
  port: number;
  /** The host as given, for TLS servername; null when it was an IP literal. */
  servername: string | null;
}

/**
 * Resolves a host once and checks every address it resolves to (one refused address refuses
 * the host: which one a client would pick is not ours to know). The caller then connects to
 * `address` itself, so a second lookup cannot answer differently (DNS rebinding).
 */
export async function resolveEgressEndpoint(
  host: string,
  port: number,
  allow: EgressAllowList,
  lookup: EgressLookup = systemLookup,
): Promise<EgressEndpoint> {
  const literal = literalEgressRefusal(host, port, allow);
  if (literal.refusal) throw new EgressRefusedError(literal.refusal.message, literal.refusal.rule);
  if (literal.address) return { address: formatIpAddress(literal.address), port, servername: null };
  const name = host.replace(/\.$/, '');
  let found: string[];
  try {
    found = await lookup(name);
  } catch (error) {
    throw Object.assign(new Error(`could not resolve ${name}: ${(error as Error).message}`), { cause: error });
  }
  const addresses = found.map((text) => parseIpAddress(text)).filter((address) => address !== null);
  if (addresses.length === 0) throw new Error(`could not resolve ${name}: no addresses`);
  for (const address of addresses) {
    const refusal = egressRefusalFor({ host: name, address, port }, allow);
    if (refusal) throw new EgressRefusedError(refusal.message, refusal.rule);
  }
  return { address: formatIpAddress(addresses[0]!), port, servername: name };
}
