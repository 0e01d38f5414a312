/**
 * IP addresses as numbers, parsed from every spelling a resolver or URL parser accepts, so
 * the egress policy judges what a connection would reach, not how the address was written.
 * Pure (no node:net), so the browser bundle can share it.
 */
export type IpAddress = { family: 4; value: number } | { family: 6; value: bigint };

const IPV4_PART = /^(?:0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$/i;

/**
 * An IPv4 address in inet_aton's forms, which getaddrinfo and the WHATWG URL parser both
 * accept: one to four parts, each decimal, octal (leading 0) or hex (0x), the last part
 * filling the remaining bytes (`127.1`, `2130706433`, `0177.0.0.1`, `0x7f.1`). A single
 * trailing dot is allowed, as in a fully qualified name.
 */
export function parseIpv4(text: string): IpAddress | null {
  const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
  const parts = trimmed.split('.');
  if (parts.length < 1 || parts.length > 4 || !parts.every((part) => IPV4_PART.test(part))) return null;
  const numbers = parts.map((part) =>
    /^0x/i.test(part)
      ? part.length === 2
        ? 0
        : parseInt(part.slice(2), 16)
      : parseInt(part, /^0./.test(part) ? 8 : 10),
  );
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255)) return null;
  const lastLimit = 256 ** (4 - numbers.length);
  if (!Number.isSafeInteger(last) || last >= lastLimit) return null;
  const value = numbers.reduce((sum, n, index) => sum + n * 256 ** (3 - index), 0) + last;
  return { family: 4, value };
}

const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const DOTTED_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv6 address, with or without brackets and a zone id, a dotted IPv4 tail allowed (`::ffff:127.0.0.1`). */
export function parseIpv6(text: string): IpAddress | null {
  let body = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = body.indexOf('%');
  if (zone >= 0) body = body.slice(0, zone);
  if (!body.includes(':')) return null;
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return [];
    const pieces = half.split(':');
    const groups: number[] = [];
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && DOTTED_QUAD.test(piece)) {
        const v4 = parseIpv4(piece) as { value: number };
        groups.push(Math.floor(v4.value / 65536), v4.value % 65536);
      } else if (HEX_GROUP.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (!head || !tail) return null;
  // A dotted tail may only end the address.
  if (halves.length === 2 && halves[0]!.split(':').some((piece) => piece.includes('.'))) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return { family: 6, value: groups.reduce((sum, group) => (sum << 16n) + BigInt(group), 0n) };
}

/** Either family; null when the text is a host name rather than an address. */
export function parseIpAddress(text: string): IpAddress | null {
  return parseIpv6(text) ?? parseIpv4(text);
}

/** The canonical spelling: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) {
    const v = address.value;
    return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
  }
  const groups = Array.from({ length: 8 }, (_, index) => Number((address.value >> BigInt(112 - index * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
