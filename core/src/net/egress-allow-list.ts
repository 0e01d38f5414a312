import { cidrContains, formatCidr, parseCidr, type Cidr } from './cidr';
import type { IpAddress } from './ip-address';

/**
 * Self-hosters' exceptions to the egress policy: address blocks and host names, each
 * optionally limited to one port (`127.0.0.1:2525`, `10.0.0.0/8`, `[fd00::/8]:25`,
 * `smtp.internal:587`). A host name entry trusts whatever that name resolves to.
 */
export type EgressAllowEntry =
  | { kind: 'block'; block: Cidr; port?: number; text: string }
  | { kind: 'host'; host: string; port?: number; text: string };

export type EgressAllowList = readonly EgressAllowEntry[];

export class EgressAllowListError extends Error {
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`egress allow entry "${entry}" ${reason}`);
    this.name = 'EgressAllowListError';
  }
}

const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;

function portOf(entry: string, text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65_535)) throw new EgressAllowListError(entry, `has a bad port "${text}" (1-65535)`);
  return port;
}

/** One entry; throws EgressAllowListError naming it when it is none of the accepted forms. */
export function parseEgressAllowEntry(raw: string): EgressAllowEntry {
  const text = raw.trim();
  if (text === '') throw new EgressAllowListError(raw, 'is empty');
  let target = text;
  let port: number | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new EgressAllowListError(text, 'has no closing "]"');
    target = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) throw new EgressAllowListError(text, 'has text after "]" that is not ":<port>"');
      port = portOf(text, rest.slice(1));
    }
  } else if ((text.match(/:/g) ?? []).length === 1) {
    // One colon: host or IPv4 with a port. More than one: a bare IPv6 block, without a port.
    const colon = text.indexOf(':');
    target = text.slice(0, colon);
    port = portOf(text, text.slice(colon + 1));
  }
  const withPort = port === undefined ? {} : { port };
  const block = parseCidr(target);
  if (block) return { kind: 'block', block, ...withPort, text };
  if (target.includes('/') || target.includes(':'))
    throw new EgressAllowListError(text, 'is not a valid CIDR block (e.g. 10.0.0.0/8 or fd00::/8)');
  if (!HOST_NAME.test(target) || /^[\d.]+$/.test(target))
    throw new EgressAllowListError(text, 'is not a valid host name, address or CIDR block');
  return { kind: 'host', host: target.toLowerCase().replace(/\.$/, ''), ...withPort, text };
}

/** A comma-separated list (the CADENZA_EGRESS_ALLOW variable); blank means no exceptions. */
export function parseEgressAllowList(text: string | undefined): EgressAllowList {
  if (!text || text.trim() === '') return [];
  return text.split(',').map((entry) => parseEgressAllowEntry(entry));
}

/** Whether a connection to `address` (resolved from `host`) on `port` is one of the exceptions. */
export function egressAllowEntryFor(
  list: EgressAllowList,
  target: { host: string; address: IpAddress; port: number },
): EgressAllowEntry | undefined {
  const host = target.host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  return list.find(
    (entry) =>
      (entry.port === undefined || entry.port === target.port) &&
      (entry.kind === 'host' ? entry.host === host : cidrContains(entry.block, target.address)),
  );
}

export const describeEgressAllowEntry = (entry: EgressAllowEntry) =>
  `${entry.kind === 'host' ? entry.host : formatCidr(entry.block)}${entry.port === undefined ? '' : `:${entry.port}`}`;
