import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares digests, so neither the secret's length nor its prefix leaks through timing. */
const sameSecret = (given: string, secret: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(secret).digest());

/**
 * Whether an inbound-email webhook call carries the shared secret, in one of the two forms
 * SendGrid Inbound Parse can send: basic auth in the configured URL
 * (https://user:SECRET@host/...; the user name is not checked) or a `token` query parameter.
 * Without a configured secret nothing is authorized: an open webhook would let anyone
 * fake replies and bounces (and with them unenroll contacts and suppress addresses).
 */
export function inboundWebhookAuthorized(
  secret: string | null,
  request: { authorization?: string | undefined; token?: unknown },
): boolean {
  if (!secret) return false;
  const basic = /^basic\s+(\S+)$/i.exec(request.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon !== -1 && sameSecret(decoded.slice(colon + 1), secret)) return true;
  }
  return typeof request.token === 'string' && sameSecret(request.token, secret);
}
