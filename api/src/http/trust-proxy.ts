import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's named ranges for `trust proxy`. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or CIDR Express's proxy-addr accepts, or one of its named ranges. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: which peers may tell the API the real client address (X-Forwarded-For).
 * Off by default, so a client cannot pick its own address and dodge the per-address sign-in
 * limits. Behind an ingress, give the hop count or the proxies' addresses. `true` (trust any
 * peer) is refused: with it every client could set the address the limits key on.
 */
export const TrustProxySchema = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): false | number | string[] => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          '`true` would trust X-Forwarded-For from any client; give the number of proxy hops (e.g. 1) or the proxies’ addresses/CIDRs',
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops > 10) {
        ctx.addIssue({ code: 'custom', message: 'a proxy hop count is 1 to 10' });
        return z.NEVER;
      }
      return hops;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isProxyAddress(entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `not an IP address, CIDR or one of loopback/linklocal/uniquelocal: ${bad.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  })
  .describe(
    'proxies trusted to set X-Forwarded-For: false (default, use the socket address), a hop count, or a comma-separated list of IPs/CIDRs or loopback/linklocal/uniquelocal',
  );
