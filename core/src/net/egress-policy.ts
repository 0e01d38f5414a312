import { classifyAddress } from './address-classification';
import { egressAllowEntryFor, type EgressAllowList } from './egress-allow-list';
import { parseIpAddress, type IpAddress } from './ip-address';

/** One connection the platform is about to open: the name it was given and the address it resolved to. */
export interface EgressTarget {
  host: string;
  address: IpAddress;
  port: number;
}

/** Why a connection is refused, worded for a run's failure or an API answer. */
export interface EgressRefusal {
  /** The rule, e.g. "loopback"; "local name" for localhost. */
  rule: string;
  /** e.g. "egress refused: 127.0.0.1 is a loopback address". */
  message: string;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/**
 * The egress policy: a connection may go to a public unicast address, or to one an allow
 * entry names. There is no switch to turn it off; local development allows its own
 * services by explicit entries.
 */
export function egressRefusalFor(target: EgressTarget, allow: EgressAllowList): EgressRefusal | null {
  if (egressAllowEntryFor(allow, target)) return null;
  const nonPublic = classifyAddress(target.address);
  if (!nonPublic) return null;
  const kind = `${article(nonPublic.kind)} ${nonPublic.kind} address`;
  // A literal in any spelling is named by its canonical form; a name, with what it resolved to.
  const literal = parseIpAddress(bareHost(target.host)) !== null;
  return {
    rule: nonPublic.kind,
    message: literal
      ? `egress refused: ${nonPublic.shown} is ${kind}`
      : `egress refused: ${target.host} resolves to ${nonPublic.shown}, ${kind}`,
  };
}

const bareHost = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

/** Names that mean this machine whatever DNS says (RFC 6761), refused without resolving. */
export const isLocalName = (host: string) => /(^|\.)localhost\.?$/i.test(bareHost(host));

/**
 * The verdict on a host as written, before any resolution: an IP literal in any spelling is
 * judged as the address it is, `localhost` as loopback; other names need DNS (null here).
 * Save-time checks and the runtime guard both start with this.
 */
export function literalEgressRefusal(
  host: string,
  port: number,
  allow: EgressAllowList,
): { refusal: EgressRefusal | null; address: IpAddress | null } {
  const address = parseIpAddress(bareHost(host));
  if (address) return { refusal: egressRefusalFor({ host, address, port }, allow), address };
  if (isLocalName(host)) {
    const loopback = parseIpAddress('127.0.0.1') as IpAddress;
    const refusal = egressRefusalFor({ host, address: loopback, port }, allow);
    return {
      refusal: refusal && { rule: 'loopback', message: `egress refused: ${host} is a loopback name` },
      address: null,
    };
  }
  return { refusal: null, address: null };
}
