import { formatIpAddress, parseIpAddress, type IpAddress } from './ip-address';

/** An address block: every address whose first `prefix` bits equal the network's. */
export interface Cidr {
  network: IpAddress;
  prefix: number;
}

const bitsOf = (family: 4 | 6) => (family === 4 ? 32 : 128);

/** `10.0.0.0/8`, `fc00::/7`, or a bare address (a block of one). Null when it is neither. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.lastIndexOf('/');
  const network = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (!network) return null;
  const bits = bitsOf(network.family);
  if (slash < 0) return { network, prefix: bits };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= bits ? { network, prefix } : null;
}

export function cidrContains(block: Cidr, address: IpAddress): boolean {
  if (block.network.family !== address.family) return false;
  if (address.family === 4) {
    const shift = 32 - block.prefix;
    // Division instead of >>> because a shift by 32 is a shift by 0 in JavaScript.
    return Math.floor(address.value / 2 ** shift) === Math.floor((block.network.value as number) / 2 ** shift);
  }
  const shift = BigInt(128 - block.prefix);
  return address.value >> shift === (block.network.value as bigint) >> shift;
}

export const formatCidr = (block: Cidr) => `${formatIpAddress(block.network)}/${block.prefix}`;

/** A block from a literal the code itself writes (the fixed special-purpose ranges). */
export function cidr(text: string): Cidr {
  const block = parseCidr(text);
  if (!block) throw new Error(`not a CIDR block: ${text}`);
  return block;
}
