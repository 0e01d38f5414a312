import { cidr, cidrContains, type Cidr } from './cidr';
import { formatIpAddress, type IpAddress } from './ip-address';

/** Why an address is not on the public internet; each kind names the rule in a refusal. */
export type AddressKind =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (CGNAT)'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'unique local'
  | 'site-local';

const IPV4_RANGES: Array<[Cidr, AddressKind]> = [
  [cidr('255.255.255.255/32'), 'broadcast'],
  [cidr('0.0.0.0/8'), 'unspecified'],
  [cidr('10.0.0.0/8'), 'private'],
  [cidr('100.64.0.0/10'), 'shared (CGNAT)'],
  [cidr('127.0.0.0/8'), 'loopback'],
  // Includes 169.254.169.254, the cloud metadata service.
  [cidr('169.254.0.0/16'), 'link-local'],
  [cidr('172.16.0.0/12'), 'private'],
  [cidr('192.0.0.0/24'), 'reserved'],
  [cidr('192.0.2.0/24'), 'reserved'],
  [cidr('192.88.99.0/24'), 'reserved'],
  [cidr('192.168.0.0/16'), 'private'],
  [cidr('198.18.0.0/15'), 'reserved'],
  [cidr('198.51.100.0/24'), 'reserved'],
  [cidr('203.0.113.0/24'), 'reserved'],
  [cidr('224.0.0.0/4'), 'multicast'],
  [cidr('240.0.0.0/4'), 'reserved'],
];

/** IPv6 blocks that carry an IPv4 address in their last 32 bits: judged by that address. */
const IPV4_CARRIERS: Array<[Cidr, string]> = [
  [cidr('::ffff:0:0/96'), 'IPv4-mapped'],
  [cidr('64:ff9b::/96'), 'NAT64'],
];

const IPV6_RANGES: Array<[Cidr, AddressKind]> = [
  [cidr('::/128'), 'unspecified'],
  [cidr('::1/128'), 'loopback'],
  // IPv4-compatible (deprecated), local-use NAT64, discard, Teredo (hides an IPv4 address), documentation.
  [cidr('::/96'), 'reserved'],
  [cidr('64:ff9b:1::/48'), 'reserved'],
  [cidr('100::/64'), 'reserved'],
  [cidr('2001::/32'), 'reserved'],
  [cidr('2001:db8::/32'), 'reserved'],
  [cidr('fc00::/7'), 'unique local'],
  [cidr('fe80::/10'), 'link-local'],
  [cidr('fec0::/10'), 'site-local'],
  [cidr('ff00::/8'), 'multicast'],
];

const GLOBAL_UNICAST_V6 = cidr('2000::/3');
const SIX_TO_FOUR = cidr('2002::/16');

/** What makes an address non-public, with the address as judged (the embedded IPv4 for mapped forms). */
export interface NonPublicAddress {
  kind: AddressKind;
  /** e.g. "127.0.0.1 (IPv4-mapped ::ffff:7f00:1)". */
  shown: string;
}

/** Null for a public unicast address; otherwise the rule it falls under. */
export function classifyAddress(address: IpAddress): NonPublicAddress | null {
  if (address.family === 4) {
    const hit = IPV4_RANGES.find(([block]) => cidrContains(block, address));
    return hit ? { kind: hit[1], shown: formatIpAddress(address) } : null;
  }
  const carrier = IPV4_CARRIERS.find(([block]) => cidrContains(block, address));
  const sixToFour = cidrContains(SIX_TO_FOUR, address);
  if (carrier || sixToFour) {
    const embedded: IpAddress = {
      family: 4,
      value: Number(sixToFour ? (address.value >> 80n) & 0xffffffffn : address.value & 0xffffffffn),
    };
    const inner = classifyAddress(embedded);
    const form = carrier ? carrier[1] : '6to4';
    return inner ? { kind: inner.kind, shown: `${inner.shown} (${form} ${formatIpAddress(address)})` } : null;
  }
  const hit = IPV6_RANGES.find(([block]) => cidrContains(block, address));
  if (hit) return { kind: hit[1], shown: formatIpAddress(address) };
  // Everything outside 2000::/3 is unassigned or special: nothing a webhook legitimately lives on.
  return cidrContains(GLOBAL_UNICAST_V6, address) ? null : { kind: 'reserved', shown: formatIpAddress(address) };
}
