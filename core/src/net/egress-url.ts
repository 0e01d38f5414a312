import type { EgressAllowList } from './egress-allow-list';
import { literalEgressRefusal, type EgressRefusal } from './egress-policy';

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** Host and port a URL connects to; the WHATWG parser already turns `2130706433` or `0x7f.1` into 127.0.0.1. */
export function urlEndpoint(url: URL): { host: string; port: number } {
  return { host: url.hostname, port: url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? 0) };
}

/**
 * The save-time verdict on a URL as written: refused when its host is a refused IP literal
 * or a local name. A URL whose host is still a template (`https://{{contact.domain}}/`) or is
 * an ordinary name passes here; the runtime guard judges what it resolves to.
 */
export function literalUrlEgressRefusal(text: string, allow: EgressAllowList): EgressRefusal | null {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '';
  if (authority.includes('{{')) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const { host, port } = urlEndpoint(url);
  return literalEgressRefusal(host, port, allow).refusal;
}
