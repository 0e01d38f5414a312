import { isIP } from 'node:net';

/**
 * The part of a client address that per-address limits count against. An IPv4 address is
 * itself; an IPv6 client counts by its /64, since one subscriber usually holds a whole /64
 * and could otherwise spread guesses over 2^64 addresses. IPv4-mapped IPv6 (::ffff:a.b.c.d,
 * how a dual-stack socket reports IPv4 peers) counts as the IPv4 address.
 */
export function clientAddressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = address.includes('::')
    ? [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
